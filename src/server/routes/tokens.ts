import type { FastifyPluginAsync } from "fastify";
import {
  createToken,
  listTokens,
  requireWriteScope,
  revokeToken,
  TokenCreate,
} from "../../workspaces/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const tags = ["tokens"];

/** GET/POST /workspaces/:ws/tokens, DELETE /workspaces/:ws/tokens/:id. Members see their own tokens; admins all. */
export const routes: FastifyPluginAsync = async (app) => {
  const path = "/workspaces/:ws/tokens";
  workspaceRoute(
    app,
    {
      method: "GET",
      path,
      role: "viewer",
      tags,
      summary: "api tokens (own; all for admins), never the secret",
    },
    listTokens,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path,
      role: "viewer",
      tags,
      summary: "create an api token for yourself; the secret is shown once",
      body: TokenCreate,
      check: requireWriteScope,
      status: 201,
    },
    createToken,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: `${path}/:id`,
      role: "viewer",
      tags,
      summary: "revoke an api token (own, or any as admin) and the tokens it made",
      params: WorkspaceItemParams,
      status: 204,
      clearsAuthCache: true,
    },
    revokeToken,
  );
};
