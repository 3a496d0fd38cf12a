import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { invitationLink } from "../../accounts/index.js";
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  MemberCreate,
  MemberPatch,
  removeMember,
} from "../../workspaces/index.js";
import { workspaceRoute } from "../workspace-route.js";

const MemberParams = z.object({ ws: z.string().min(1), userId: z.string().min(1) });
const tags = ["members"];

/** GET/POST /workspaces/:ws/members, PATCH/DELETE /workspaces/:ws/members/:userId (admin). */
export const routes: FastifyPluginAsync = async (app) => {
  const path = "/workspaces/:ws/members";
  workspaceRoute(
    app,
    { method: "GET", path, role: "viewer", tags, summary: "members and their roles" },
    listMembers,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path,
      role: "admin",
      tags,
      summary:
        "invite a member by email (admin): 202 with a one-time link (7 days) to hand to the invitee, whether or not the email has an account",
      body: MemberCreate,
      status: 202,
      view: (inv, request) => ({
        ...inv,
        link: invitationLink(`${request.protocol}://${request.host}`, inv.token),
      }),
    },
    inviteMember,
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: `${path}/:userId`,
      role: "admin",
      tags,
      summary: "change a member's role (admin)",
      params: MemberParams,
      body: MemberPatch,
      clearsAuthCache: true,
    },
    changeMemberRole,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: `${path}/:userId`,
      role: "admin",
      tags,
      summary: "remove a member (admin); their tokens for this workspace are revoked",
      params: MemberParams,
      status: 204,
      clearsAuthCache: true,
    },
    removeMember,
  );
};
