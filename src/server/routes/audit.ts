import type { FastifyPluginAsync } from "fastify";
import { AuditQuery, listAudit } from "../../workspaces/index.js";
import { workspaceRoute } from "../workspace-route.js";

/** GET /workspaces/:ws/audit: every change, newest first. */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/audit",
      role: "viewer",
      tags: ["audit"],
      summary: "audit log of the workspace (who, when, what)",
      query: AuditQuery,
    },
    listAudit,
  );
};
