import { slaAtLastEvent, slaVersionStale, writeBackSlaColumns } from "./sla-snapshot.js";
import type { Db } from "./ticket-context.js";
import { PolicyResolver } from "./ticket-sla.js";
import { loadEvents } from "./ticket-view.js";

/**
 * Recomputes the stored SLA state of tickets: the given ones, or up to `limit` stale ones (never
 * computed, invalidated by a contract change, or computed with other clock data). Returns how many
 * tickets it looked at; 0 means nothing stale is left.
 */
export async function refreshTicketSla(
  db: Db,
  opts: { workspaceId?: string; ids?: string[]; limit?: number },
): Promise<number> {
  if (opts.ids?.length === 0) return 0;
  let q = db.selectFrom("tickets").selectAll();
  if (opts.workspaceId) q = q.where("workspace_id", "=", opts.workspaceId);
  if (opts.ids) q = q.where("id", "in", opts.ids);
  else q = q.where(slaVersionStale).limit(opts.limit ?? 500);
  const rows = await q.execute();
  if (rows.length === 0) return 0;
  const events = await loadEvents(
    db,
    rows.map((r) => r.id),
  );
  const resolvers = new Map<string, PolicyResolver>();
  const updates: Parameters<typeof writeBackSlaColumns>[1] = [];
  for (const row of rows) {
    let resolver = resolvers.get(row.workspace_id);
    if (!resolver) {
      resolver = new PolicyResolver(db, row.workspace_id);
      resolvers.set(row.workspace_id, resolver);
    }
    updates.push({
      id: row.id,
      version: row.version,
      seenSlaVersion: row.sla_version,
      sla: slaAtLastEvent(await resolver.resolve(row), events.get(row.id) ?? []),
    });
  }
  await writeBackSlaColumns(db, updates);
  return rows.length;
}
