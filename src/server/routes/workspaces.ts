import type { FastifyPluginAsync } from "fastify";
import { PageQuery } from "../../store/index.js";
import {
  addWorkspace,
  getWorkspace,
  listWorkspaces,
  requireWorkspaceCreator,
  updateWorkspace,
  WorkspaceCreate,
  WorkspacePatch,
} from "../../workspaces/index.js";
import { instanceRoute, workspaceRoute } from "../workspace-route.js";

const tags = ["workspaces"];

/** GET/POST /workspaces, GET/PATCH /workspaces/:ws. */
export const routes: FastifyPluginAsync = async (app) => {
  instanceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces",
      access: "user",
      tags,
      summary: "workspaces the caller belongs to",
      query: PageQuery,
    },
    listWorkspaces,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces",
      access: "user",
      tags,
      summary:
        "create a workspace (the caller becomes its admin); instance admins only unless the instance setting workspace_creation is all_accounts",
      body: WorkspaceCreate,
      check: requireWorkspaceCreator,
      status: 201,
    },
    addWorkspace,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws",
      role: "viewer",
      tags,
      summary: "one workspace",
      versioned: true,
    },
    getWorkspace,
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws",
      role: "admin",
      tags,
      summary:
        "rename a workspace or change its settings: IANA time zone, language (zh-CN | en), default business calendar (admin; If-Match or version)",
      body: WorkspacePatch,
      versioned: true,
    },
    updateWorkspace,
  );
};
