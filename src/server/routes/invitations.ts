import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  acceptInvitation,
  InvitationAccept,
  listInvitations,
  revokeInvitation,
  showInvitation,
} from "../../workspaces/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { instanceRoute, workspaceRoute } from "../workspace-route.js";

const TokenParams = z.object({ token: z.string().min(1).max(200) });
const tags = ["members"];

/**
 * GET/DELETE /workspaces/:ws/invitations[/:id] (admin): pending invitations.
 * GET /invitations/:token, POST /invitations/:token/accept: the invitee's side.
 */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/invitations",
      role: "admin",
      tags,
      summary: "pending invitations (admin)",
    },
    listInvitations,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: "/workspaces/:ws/invitations/:id",
      role: "admin",
      tags,
      summary: "revoke a pending invitation (admin)",
      params: WorkspaceItemParams,
      status: 204,
    },
    revokeInvitation,
  );
  instanceRoute(
    app,
    {
      method: "GET",
      path: "/invitations/:token",
      access: "anyone",
      tags,
      summary: "what a pending invitation is for (workspace, email, role), for the invitee",
      params: TokenParams,
    },
    showInvitation,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/invitations/:token/accept",
      access: "anyone",
      tags,
      summary:
        "accept an invitation: logged in as the invited email, or (no account yet) anonymously with name and password to create it",
      params: TokenParams,
      body: InvitationAccept,
      optionalBody: true,
      status: 201,
      clearsAuthCache: true, // a cached "not a member" must not outlive the new membership
    },
    acceptInvitation,
  );
};
