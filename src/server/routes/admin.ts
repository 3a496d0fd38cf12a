import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  getInstanceSettings,
  InstanceSettings,
  issuePasswordReset,
  listUsers,
  putInstanceSettings,
  setInstanceRole,
  UserPatch,
} from "../../accounts/index.js";
import { PageQuery } from "../../store/index.js";
import { instanceRoute } from "../workspace-route.js";

const UserParams = z.object({ id: z.string().min(1) });
const tags = ["admin"];

/**
 * Instance administration (a session of an instance admin): accounts, password resets, settings.
 * Workspace content stays with workspace roles: an instance admin sees a workspace's data only
 * as its member (or through the instance export).
 */
export const routes: FastifyPluginAsync = async (app) => {
  const access = "instance-admin";
  instanceRoute(
    app,
    {
      method: "GET",
      path: "/admin/users",
      access,
      tags,
      summary: "every account of the instance (instance admin)",
      query: PageQuery,
    },
    listUsers,
  );
  instanceRoute(
    app,
    {
      method: "PATCH",
      path: "/admin/users/:id",
      access,
      tags,
      summary: "make an account instance admin or member (instance admin; one admin stays)",
      params: UserParams,
      body: UserPatch,
    },
    setInstanceRole,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/admin/users/:id/password-reset",
      access,
      tags,
      summary:
        "reset an account's password (instance admin): the old password and every session stop working; answers a one-time reset link (24 h) to hand to the user",
      params: UserParams,
      status: 201,
      clearsAuthCache: true,
      view: (r, request) => ({
        user_id: r.user_id,
        token: r.token,
        link: `${request.protocol}://${request.host}/reset-password?token=${encodeURIComponent(r.token)}`,
        expires_at: r.expires_at,
      }),
    },
    issuePasswordReset,
  );
  instanceRoute(
    app,
    { method: "GET", path: "/admin/settings", access, tags, summary: "instance settings (instance admin)" },
    getInstanceSettings,
  );
  instanceRoute(
    app,
    {
      method: "PUT",
      path: "/admin/settings",
      access,
      tags,
      summary: "change instance settings, e.g. who may create workspaces (instance admin)",
      body: InstanceSettings,
    },
    putInstanceSettings,
  );
};
