import type { TicketTimeline } from "../clock/index.js";
import type { Ctx } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { ItemInput, parseVerbInput } from "./parse-input.js";
import { type Db, ticketScope } from "./ticket-context.js";
import { computeTicketSla, PolicyResolver, type TicketSla } from "./ticket-sla.js";
import {
  loadEvents,
  type StoredTicketEvent,
  type TicketRow,
  type TicketView,
  toTicketView,
} from "./ticket-view.js";

export interface TicketDetail extends TicketView {
  policy: Record<string, unknown> | null;
  /** The contract whose `sla_policy` times the ticket (policy_source "contract"); null otherwise. */
  contract_id: string | null;
  events: StoredTicketEvent[];
  timeline: TicketTimeline | null;
}

/** A ticket row of the workspace, or NotFoundError (another workspace's ticket is not found either). */
export async function requireTicketRow(
  db: Db,
  workspaceId: string,
  ticketId: string,
  forUpdate = false,
): Promise<TicketRow> {
  let q = db
    .selectFrom("tickets")
    .selectAll()
    .where("id", "=", ticketId)
    .where("workspace_id", "=", workspaceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError("ticket", ticketId);
  return row;
}

/** One ticket with its events and the replayed SLA timeline as of `ctx.now`. */
export async function getTicket({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<TicketDetail> {
  const ctx = ticketScope(verbCtx, "viewer");
  const { id } = parseVerbInput(ItemInput, input, "params");
  return ticketDetail(ctx.db, ctx.workspaceId, id, ctx.now);
}

export async function ticketDetail(
  db: Db,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<TicketDetail> {
  const row = await requireTicketRow(db, workspaceId, id);
  const events = (await loadEvents(db, [row.id])).get(row.id) ?? [];
  const resolved = await new PolicyResolver(db, workspaceId).resolve(row);
  return detailOf(row, events, computeTicketSla(resolved, events, now));
}

/** A ticket's detail from its row, its events and its replayed SLA. */
export function detailOf(row: TicketRow, events: StoredTicketEvent[], sla: TicketSla): TicketDetail {
  return {
    ...toTicketView(row, sla),
    policy: (row.policy as Record<string, unknown> | null) ?? null,
    contract_id: sla.contract_id,
    events,
    timeline: sla.timeline,
  };
}
