import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { requireMember } from "../auth/require-member.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import { docs, parseParams, parseQuery, WorkspaceParams } from "../validation.js";

export const AuditQuery = PageQuery.extend({
  entity: z.string().min(1).optional(),
  entity_id: z.string().min(1).optional(),
  actor_id: z.string().min(1).optional(),
});

/** GET /workspaces/:ws/audit: every change, newest first. */
export const routes: FastifyPluginAsync = async (app) => {
  app.get(
    "/workspaces/:ws/audit",
    {
      schema: docs({
        tags: ["audit"],
        summary: "audit log of the workspace (who, when, what)",
        params: WorkspaceParams,
        querystring: AuditQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const query = parseQuery(AuditQuery, request.query);
      let q = app.store.db
        .selectFrom("audit_log")
        .leftJoin("users", "users.id", "audit_log.actor_id")
        .select([
          "audit_log.id",
          "audit_log.at",
          "audit_log.action",
          "audit_log.entity",
          "audit_log.entity_id",
          "audit_log.actor_id",
          "users.email as actor_email",
          "audit_log.details",
        ])
        .where("audit_log.workspace_id", "=", ws);
      if (query.entity) q = q.where("audit_log.entity", "=", query.entity);
      if (query.entity_id) q = q.where("audit_log.entity_id", "=", query.entity_id);
      if (query.actor_id) q = q.where("audit_log.actor_id", "=", query.actor_id);
      const rows = await paginate(q, query, { at: "audit_log.at", id: "audit_log.id" }).execute();
      return toPage(rows, query, (r) => ({ at: r.at, id: r.id }));
    },
  );
};
