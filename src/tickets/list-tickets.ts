import { sql } from "kysely";
import { z } from "zod";
import { decodeListCursor, encodeListCursor } from "../store/index.js";
import { parseVerbInput } from "./parse-input.js";
import type { TicketContext } from "./ticket-context.js";
import { computeTicketSla, PolicyResolver } from "./ticket-sla.js";
import { loadEvents, type TicketView, toTicketView } from "./ticket-view.js";

export const ListTicketsInput = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
  /** Only tickets whose live SLA state is this (breached, at risk past 75%, or running). */
  sla: z.enum(["breached", "at_risk", "running"]).optional(),
  vendor_id: z.string().min(1).optional(),
  status: z.enum(["open", "pending", "on_hold", "solved", "closed"]).optional(),
});
export type ListTicketsInput = z.input<typeof ListTicketsInput>;

const SCAN = 500;

/**
 * Tickets newest first with their live SLA state as of `ctx.now`. With `sla`, tickets are scanned
 * in chunks until the page is full; the cursor continues after the last ticket scanned.
 */
export async function listTickets({
  ctx,
  input,
}: {
  ctx: TicketContext;
  input: unknown;
}): Promise<{ items: TicketView[]; next_cursor: string | null }> {
  const data = parseVerbInput(ListTicketsInput, input, "query");
  const resolver = new PolicyResolver(ctx.db, ctx.workspaceId);
  const fetch = async (after: { at: Date; id: string } | null, limit: number) => {
    let q = ctx.db.selectFrom("tickets").selectAll().where("workspace_id", "=", ctx.workspaceId);
    if (data.vendor_id) q = q.where("vendor_id", "=", data.vendor_id);
    if (data.status) q = q.where("status", "=", data.status);
    if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id})`);
    return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  };
  const view = async (rows: Awaited<ReturnType<typeof fetch>>) => {
    const events = await loadEvents(
      ctx.db,
      rows.map((r) => r.id),
    );
    const out: TicketView[] = [];
    for (const row of rows)
      out.push(
        toTicketView(row, computeTicketSla(await resolver.resolve(row), events.get(row.id) ?? [], ctx.now)),
      );
    return out;
  };
  let after = data.cursor ? decodeListCursor(data.cursor) : null;
  if (!data.sla) {
    const rows = await fetch(after, data.limit + 1);
    const items = await view(rows.slice(0, data.limit));
    const last = items[items.length - 1];
    return {
      items,
      next_cursor:
        rows.length > data.limit && last ? encodeListCursor(new Date(last.created_at), last.id) : null,
    };
  }
  const items: TicketView[] = [];
  for (;;) {
    const rows = await fetch(after, SCAN);
    for (const ticket of await view(rows)) {
      after = { at: new Date(ticket.created_at), id: ticket.id };
      if (ticket.sla?.state !== data.sla) continue;
      items.push(ticket);
      if (items.length === data.limit) return { items, next_cursor: encodeListCursor(after.at, after.id) };
    }
    if (rows.length < SCAN) return { items, next_cursor: null };
  }
}
