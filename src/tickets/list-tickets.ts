import { type ExpressionBuilder, sql } from "kysely";
import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { type Database, decodeListCursor, encodeListCursor, selectRowsViaJson } from "../store/index.js";
import { parseVerbInput } from "./parse-input.js";
import { slaAtLastEvent, slaVersionStale, snapshotUsable, writeBackSlaColumns } from "./sla-snapshot.js";
import { type TicketContext, ticketScope } from "./ticket-context.js";
import {
  HAS_POLICY,
  LIST_COLUMNS,
  type ListRow,
  ROW_KEY,
  rowsOfPage,
  viewFromSnapshot,
} from "./ticket-row-cache.js";
import { computeTicketSla, PolicyResolver } from "./ticket-sla.js";
import { loadEvents, TICKET_TIMESTAMPS, type TicketView, toTicketView } from "./ticket-view.js";

export const ListTicketsInput = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
  /** Only tickets whose live SLA state is this (breached, at risk past 75%, or running). */
  sla: z.enum(["breached", "at_risk", "running"]).optional(),
  vendor_id: z.string().min(1).optional(),
  status: z.enum(["open", "pending", "on_hold", "solved", "closed"]).optional(),
  /** Only tickets whose subject or external id contains this text (case-insensitive). */
  q: z.string().trim().min(1).max(200).optional(),
});
export type ListTicketsInput = z.input<typeof ListTicketsInput>;

type SlaFilter = NonNullable<z.infer<typeof ListTicketsInput>["sla"]>;

/**
 * The SQL side of `?sla=`: rows whose stored SLA state (sla-snapshot.ts) is in that state at `now`,
 * plus every row whose stored state cannot answer (stale, or an event stamped after `now`); those
 * are replayed and checked in code.
 */
function slaPredicate(filter: SlaFilter, now: Date) {
  return (eb: ExpressionBuilder<Database, "tickets">) => {
    const stale = eb.or([slaVersionStale(eb), eb("last_event_at", ">", now)]);
    const breached = eb("sla_breach_at", "<", now);
    const notBreached = eb.or([eb("sla_breach_at", "is", null), eb("sla_breach_at", ">=", now)]);
    const atRisk = eb("sla_risk_at", "<=", now);
    const notAtRisk = eb.or([eb("sla_risk_at", "is", null), eb("sla_risk_at", ">", now)]);
    const live =
      filter === "breached"
        ? breached
        : filter === "at_risk"
          ? eb.and([atRisk, notBreached])
          : eb.and([eb("sla_running", "=", true), notBreached, notAtRisk]);
    return eb.or([stale, live]);
  };
}

/**
 * Tickets newest first with their live SLA state as of `ctx.now`, read from the state stored with
 * each ticket; a stale one is replayed from its events and its state written back. With `sla`, the
 * database filters on the stored instants. The cursor continues after the last ticket returned.
 */
export async function listTickets({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ items: TicketView[]; next_cursor: string | null }> {
  const ctx = ticketScope(verbCtx, "viewer");
  const data = parseVerbInput(ListTicketsInput, input, "query");
  // The page as (id, version key) pairs in list order (created_at desc, id desc: the tickets_list
  // index); the rows themselves come from rowsOfPage, read only when not seen in that version.
  const fetch = async (after: { at: Date; id: string } | null, limit: number) => {
    let q = ctx.db
      .selectFrom("tickets")
      .select(["id", "created_at", ROW_KEY.as("row_key")])
      .where("workspace_id", "=", ctx.workspaceId);
    if (data.vendor_id) q = q.where("vendor_id", "=", data.vendor_id);
    if (data.status) q = q.where("status", "=", data.status);
    if (data.q) {
      const like = `%${data.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb("subject", "ilike", like), eb("external_id", "ilike", like)]));
    }
    if (data.sla) q = q.where(slaPredicate(data.sla, ctx.now));
    if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id})`);
    const page = q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit);
    const { rows } = await sql<{ page: string }>`select coalesce(json_agg(json_build_array(x.id, x.row_key)
        order by x.created_at desc, x.id desc), '[]')::text as page from (${page}) x`.execute(ctx.db);
    const pairs = JSON.parse(rows[0]?.page ?? "[]") as [string, string][];
    return { rows: await rowsOfPage(ctx.db, pairs), read: pairs.length };
  };
  const items: TicketView[] = [];
  let after = data.cursor ? decodeListCursor(data.cursor) : null;
  for (;;) {
    const want = data.limit + 1 - items.length;
    const { rows, read } = await fetch(after, want);
    if (rows.length > 0) {
      const last = rows[rows.length - 1];
      // continue after the last row read, even when the filter below drops it
      after = { at: last.created_at, id: last.id };
    }
    for (const ticket of await viewsOf(ctx, rows)) {
      if (data.sla && ticket.sla?.state !== data.sla) continue;
      items.push(ticket);
      if (items.length > data.limit) {
        const last = items[data.limit - 1];
        return {
          items: items.slice(0, data.limit),
          next_cursor: encodeListCursor(new Date(last.created_at), last.id),
        };
      }
    }
    if (read < want) return { items, next_cursor: null };
  }
}

/** Views of rows: the stored SLA state where usable; the others replayed (and their state stored again). */
async function viewsOf(ctx: TicketContext, rows: ListRow[]): Promise<TicketView[]> {
  const stale = rows.filter((row) => !snapshotUsable(row, ctx.now));
  const replayed = new Map<string, ReturnType<typeof computeTicketSla>>();
  if (stale.length > 0) {
    const resolver = new PolicyResolver(ctx.db, ctx.workspaceId);
    const withPolicy = stale.filter((r) => r.has_policy).map((r) => r.id);
    const policies = new Map(
      withPolicy.length === 0
        ? []
        : (
            await ctx.db
              .selectFrom("tickets")
              .select(["id", "policy"])
              .where("id", "in", withPolicy)
              .execute()
          ).map((r) => [r.id, r.policy] as const),
    );
    const events = await loadEvents(
      ctx.db,
      stale.map((r) => r.id),
    );
    const writeBack: Parameters<typeof writeBackSlaColumns>[1] = [];
    for (const row of stale) {
      const resolved = await resolver.resolve({ ...row, policy: policies.get(row.id) ?? null });
      const list = events.get(row.id) ?? [];
      replayed.set(row.id, computeTicketSla(resolved, list, ctx.now));
      writeBack.push({
        id: row.id,
        version: row.version,
        seenSlaVersion: row.sla_version,
        sla: slaAtLastEvent(resolved, list),
      });
    }
    // Storing the recomputed state only saves later work: a failure here must not fail the read.
    await writeBackSlaColumns(ctx.db, writeBack).catch(() => {});
  }
  return rows.map((row) => {
    const sla = replayed.get(row.id);
    return sla ? toTicketView(row, sla) : viewFromSnapshot(row, ctx.now);
  });
}

/** Per vendor (null = no vendor): how many tickets are breached and how many at risk, as of `ctx.now`. */
export interface SlaCounts {
  vendors: { vendor_id: string | null; breached: number; at_risk: number }[];
  as_of: string;
}

/**
 * Counts of breached and at-risk tickets per vendor, exact (no page limit): the database narrows
 * to candidates on the stored SLA instants (plus stale rows), and each candidate's live state is
 * read as the list reads it, so a count always equals the length of the matching list.
 */
export async function countTicketsBySla({ ctx: verbCtx }: { ctx: Ctx; input?: unknown }): Promise<SlaCounts> {
  const ctx = ticketScope(verbCtx, "viewer");
  const rows = await selectRowsViaJson(
    ctx.db,
    ctx.db
      .selectFrom("tickets")
      .select([...LIST_COLUMNS, HAS_POLICY])
      .where("workspace_id", "=", ctx.workspaceId)
      .where((eb) => eb.or([slaPredicate("breached", ctx.now)(eb), slaPredicate("at_risk", ctx.now)(eb)])),
    TICKET_TIMESTAMPS,
  );
  const byVendor = new Map<string | null, { vendor_id: string | null; breached: number; at_risk: number }>();
  for (const ticket of await viewsOf(ctx, rows)) {
    const state = ticket.sla?.state;
    if (state !== "breached" && state !== "at_risk") continue;
    const key = ticket.vendor_id ?? null;
    const entry = byVendor.get(key) ?? { vendor_id: key, breached: 0, at_risk: 0 };
    entry[state]++;
    byVendor.set(key, entry);
  }
  return { vendors: [...byVendor.values()], as_of: ctx.now.toISOString() };
}
