import { z } from "zod";
import { parseInput, requireRole, type Verb } from "../context/index.js";
import { type Page, PageQuery, paginate, toPage } from "../store/index.js";

export const AuditQuery = PageQuery.extend({
  entity: z.string().min(1).optional(),
  entity_id: z.string().min(1).optional(),
  actor_id: z.string().min(1).optional(),
});

export interface AuditRowView {
  id: string;
  at: Date;
  action: string;
  entity: string;
  entity_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  details: unknown;
}

/** The workspace's audit log (who, when, what), newest first, filtered by entity or actor. */
export const listAudit: Verb<z.input<typeof AuditQuery>, Page<AuditRowView>> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const query = parseInput("input", AuditQuery, input);
  let q = ctx.db
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
};
