import { sql } from "kysely";
import { selectRowsViaJson } from "../store/index.js";
import { PerDbCache } from "./per-db-cache.js";
import { type SlaSnapshot, slaFromSnapshotWithBounds } from "./sla-snapshot.js";
import type { Db } from "./ticket-context.js";
import { TICKET_TIMESTAMPS, type TicketRow, type TicketView, toTicketView } from "./ticket-view.js";

/** The columns a list view is built from. */
export const LIST_COLUMNS = [
  "id",
  "external_id",
  "vendor_id",
  "subject",
  "severity",
  "status",
  "opened_at",
  "last_event_at",
  "event_count",
  "version",
  "created_at",
  "updated_at",
  "sla_snapshot",
  "sla_breach_at",
  "sla_risk_at",
  "sla_running",
  "sla_version",
] as const;

export type ListRow = Pick<TicketRow, (typeof LIST_COLUMNS)[number]> & { has_policy: boolean };

/** The `has_policy` column of a list row: the policy itself is read for stale rows alone. */
export const HAS_POLICY = sql<boolean>`policy is not null`.as("has_policy");

/**
 * Which stored version of a row this is: PostgreSQL gives every new row version its own
 * (inserting transaction, tuple position) pair, so any change to a ticket (a verb, an import, a
 * cascade from a deleted vendor, a stale-marking) gives it a new key, whoever wrote it, in this
 * process or another. Two versions written by one transaction differ in position.
 */
export const ROW_KEY = sql<string>`xmin::text || ':' || ctid::text`;

/**
 * List rows by their stored version. A list first asks the database which tickets are on the page
 * and the key of each one's current version (a small answer), and decodes only the rows it has
 * not seen in that version: on a page of 50 that is most of a list request's cost, on the
 * embedded database's thread and on the server's. Kept per Kysely instance (PerDbCache), so reads
 * inside a transaction, which may see its own uncommitted rows, never fill the store's cache; at
 * most 20,000 rows per store.
 */
const cache = new PerDbCache<{ key: string; row: ListRow }>(20_000);

/**
 * The rows of a page, given its (id, key) pairs in order: remembered ones as they are, the others
 * read and remembered. A row deleted since the page was read is left out; one changed since is
 * returned as it is now.
 */
export async function rowsOfPage(db: Db, page: readonly (readonly [string, string])[]): Promise<ListRow[]> {
  const misses = page.filter(([id, key]) => cache.get(db, id)?.key !== key).map(([id]) => id);
  const fresh = new Map<string, ListRow>();
  if (misses.length > 0) {
    const rows = await selectRowsViaJson(
      db,
      db
        .selectFrom("tickets")
        .select([...LIST_COLUMNS, HAS_POLICY, ROW_KEY.as("row_key")])
        .where("id", "in", misses),
      TICKET_TIMESTAMPS,
    );
    for (const { row_key, ...row } of rows) {
      fresh.set(row.id, row);
      cache.set(db, row.id, { key: row_key, row });
    }
  }
  const out: ListRow[] = [];
  for (const [id] of page) {
    const row = fresh.get(id) ?? cache.get(db, id)?.row;
    if (row) out.push(row);
  }
  return out;
}

/**
 * A row's view at `now` from its stored SLA snapshot (the caller checked it is usable). The view
 * only changes when `now` passes one of the snapshot's instants, so it is kept with the span of
 * time it holds for, per row object: a remembered row answers later requests with the same view.
 */
const views = new WeakMap<ListRow, { from: number; until: number; view: TicketView }>();

export function viewFromSnapshot(row: ListRow, now: Date): TicketView {
  const t = now.getTime();
  const hit = views.get(row);
  if (hit && hit.from <= t && t < hit.until) return hit.view;
  const { sla, from, until } = slaFromSnapshotWithBounds(row.sla_snapshot as unknown as SlaSnapshot, now);
  // Shared by every request that reads this row version: frozen, so no caller can change it for the next.
  const view = toTicketView(row, sla);
  if (view.sla) Object.freeze(Object.freeze(view.sla).breached_metrics);
  Object.freeze(view);
  views.set(row, { from, until, view });
  return view;
}
