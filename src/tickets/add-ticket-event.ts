import { sql } from "kysely";
import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { ConflictError, InputError, NotFoundError } from "../errors/index.js";
import { jsonb, newId, reviveTimestamps } from "../store/index.js";
import { detailOf, type TicketDetail } from "./get-ticket.js";
import { parseVerbInput } from "./parse-input.js";
import { slaColumnsOf, snapshotAtLastEvent } from "./sla-snapshot.js";
import { type Db, type TicketContext, ticketScope } from "./ticket-context.js";
import { checkEventSequence, eventRefusal, lifecycleOf, TicketEventType } from "./ticket-event.js";
import { computeTicketSla, PolicyResolver, requireKnownSeverities, requireNotFuture } from "./ticket-sla.js";
import { cachedTicketState, forgetTicketState, rememberTicketState } from "./ticket-state-cache.js";
import {
  type StoredTicketEvent,
  TICKET_EVENT_TIMESTAMPS,
  TICKET_TIMESTAMPS,
  type TicketEventRow,
  type TicketRow,
  toEventRecord,
} from "./ticket-view.js";
import { ticketFieldsOf } from "./write-events.js";

export const AddTicketEventInput = z.object({
  ticket_id: z.string().min(1),
  /** The version the caller last saw (If-Match); a stale one is a 409. */
  version: z.number().int().positive().optional(),
  event: z.unknown(),
});
export type AddTicketEventInput = z.input<typeof AddTicketEventInput>;

/** Writers racing on one ticket: optimistic tries before one that locks the ticket (always succeeds). */
const OPTIMISTIC_TRIES = 3;

/**
 * The ticket columns an event write reads back: all but the two JSON ones. The policy is the one the
 * write was checked against (an event never changes it, and whatever does bumps the version the write
 * is conditional on); the SLA snapshot is the one it has just computed. Not reading them back saves
 * the store turning them into JSON text and this process parsing them again. Typed as a record so
 * that a new column cannot be left out.
 */
const READ_BACK: Record<Exclude<keyof TicketRow, "policy" | "sla_snapshot">, true> = {
  id: true,
  workspace_id: true,
  vendor_id: true,
  external_id: true,
  subject: true,
  severity: true,
  status: true,
  opened_at: true,
  last_event_at: true,
  event_count: true,
  import_id: true,
  version: true,
  created_by: true,
  created_at: true,
  updated_at: true,
  sla_breach_at: true,
  sla_risk_at: true,
  sla_running: true,
  sla_version: true,
};
const READ_BACK_LIST = sql.raw(
  Object.keys(READ_BACK)
    .map((c) => `"${c}"`)
    .join(", "),
);

/** Parses a `row_to_json` text, turning the named timestamp columns back into Dates. */
function rowFromJson<T>(text: string, timestamps: readonly string[]): T {
  return reviveTimestamps(JSON.parse(text) as Record<string, unknown>, timestamps) as T;
}

/**
 * Appends one event to a ticket: checked against the stored events (order, life cycle), with
 * optimistic concurrency on `version`, audited. Two statements, no explicit transaction: one read
 * (the ticket with its events), then one write that updates the ticket only if its version is still
 * the one read and, in the same statement, inserts the event and the audit row. A writer that lost
 * a race is re-read and checked again (or gets 409 when it named a version); after a few lost races
 * it reads with a row lock in a transaction, so it cannot starve. On the embedded store each
 * statement costs a few tenths of a millisecond; this was seven. When this process wrote the ticket
 * last (ticket-state-cache.ts), the write alone is enough: it is conditional on the version anyway.
 */
export async function addTicketEvent({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<TicketDetail> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(AddTicketEventInput, input);
  // This process's last write of the ticket stands in for the read; a write that finds the ticket
  // changed since forgets it and goes the reading way below, without counting as a lost race.
  const cached = cachedTicketState(ctx.db, ctx.workspaceId, data.ticket_id);
  if (cached && (data.version === undefined || data.version === cached.row.version)) {
    const detail = await writeEvent(ctx, ctx.db, data, cached.row, cached.events);
    if (detail) return detail;
    forgetTicketState(ctx.db, ctx.workspaceId, data.ticket_id);
  }
  for (let attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
    const detail = await tryAddEvent(ctx, ctx.db, data, false);
    if (detail) return detail;
    // Another writer changed the ticket between the read and the write.
    if (data.version !== undefined)
      throw new ConflictError(
        `ticket ${data.ticket_id} changed while the event was being added; reload and retry`,
      );
  }
  const detail = await ctx.db.transaction().execute((trx) => tryAddEvent(ctx, trx, data, true));
  if (!detail) throw new Error(`ticket ${data.ticket_id}: locked write did not apply`);
  return detail;
}

/** One read-check-write round; null when the ticket changed in between (only possible unlocked). */
async function tryAddEvent(
  ctx: TicketContext,
  db: Db,
  data: z.infer<typeof AddTicketEventInput>,
  lock: boolean,
): Promise<TicketDetail | null> {
  // Locking is its own statement: a read that waited for the lock would still see the events as of
  // its start (READ COMMITTED), missing the event of the writer it waited for.
  if (lock)
    await sql`select 1 from tickets where id = ${data.ticket_id} and workspace_id = ${ctx.workspaceId}
      for update`.execute(db);
  const read = await sql<{ ticket: string; events: string }>`
    select row_to_json(t)::text as ticket,
      (select coalesce(json_agg(e order by e.seq), '[]')::text from ticket_events e where e.ticket_id = t.id) as events
    from tickets t where t.id = ${data.ticket_id} and t.workspace_id = ${ctx.workspaceId}`.execute(db);
  const found = read.rows[0];
  if (!found) throw new NotFoundError("ticket", data.ticket_id);
  const row = rowFromJson<TicketRow>(found.ticket, TICKET_TIMESTAMPS);
  if (data.version !== undefined && data.version !== row.version) {
    throw new ConflictError(
      `ticket ${row.id} is at version ${row.version}, not ${data.version}; reload and retry`,
    );
  }
  const previous = (JSON.parse(found.events) as Record<string, unknown>[]).map((e) =>
    toEventRecord(reviveTimestamps(e, TICKET_EVENT_TIMESTAMPS) as unknown as TicketEventRow),
  );
  return writeEvent(ctx, db, data, row, previous);
}

/**
 * Checks the event against the ticket as read (or as this process last wrote it) and writes it,
 * only if the ticket is still at that version; null when it is not.
 */
async function writeEvent(
  ctx: TicketContext,
  db: Db,
  data: z.infer<typeof AddTicketEventInput>,
  row: TicketRow,
  previous: StoredTicketEvent[],
): Promise<TicketDetail | null> {
  // An event the ticket's state does not take is a conflict with the ticket (409), not bad input.
  const type = TicketEventType.safeParse((data.event as { type?: unknown } | null)?.type);
  if (type.success) {
    const state = lifecycleOf(previous);
    const refusal = eventRefusal(type.data, state);
    if (refusal) throw new ConflictError(`ticket ${row.id} is ${state}: ${refusal}`);
  }
  const checked = checkEventSequence([data.event], previous);
  if (!checked.ok) throw new InputError(`body.event.${checked.problem.field}`, checked.problem.reason);
  const [event] = checked.events;
  requireNotFuture([event], ctx.now, () => "body.event.at");
  const resolved = await new PolicyResolver(db, ctx.workspaceId).resolve(row);
  requireKnownSeverities(resolved, [event], () => "body.event.severity");

  const all = [...previous, event];
  const fields = ticketFieldsOf(all);
  const snapshot = snapshotAtLastEvent(resolved, all);
  const sla = slaColumnsOf(snapshot);
  const written = await sql<{ ticket: string; event: string }>`
      with t as (
        update tickets set status = ${fields.status}, severity = ${fields.severity},
          last_event_at = ${fields.last_event_at}, event_count = ${fields.event_count},
          version = version + 1, updated_at = ${ctx.now},
          sla_snapshot = ${sla.sla_snapshot}, sla_breach_at = ${sla.sla_breach_at},
          sla_risk_at = ${sla.sla_risk_at}, sla_running = ${sla.sla_running}, sla_version = ${sla.sla_version}
        where id = ${row.id} and workspace_id = ${ctx.workspaceId} and version = ${row.version}
        returning ${READ_BACK_LIST}
      ), e as (
        insert into ticket_events (id, workspace_id, ticket_id, seq, type, at, severity, status, author, body,
          source_key, created_by)
        select ${newId()}::text, t.workspace_id, t.id, ${row.event_count + 1}::int, ${event.type}::text,
          ${event.at}::timestamptz,
          ${event.severity}::text, ${event.status}::text, ${event.author}::text, ${event.body}::text,
          ${event.source_key}::text, ${ctx.actorId}::text
        from t
        returning *
      ), a as (
        insert into audit_log (id, workspace_id, actor_id, action, entity, entity_id, details)
        select ${newId()}::text, t.workspace_id, ${ctx.actorId}::text, 'add_event', 'ticket', t.id,
          ${jsonb({ type: event.type, at: event.at })}
        from t
      )
      select row_to_json(t)::text as ticket, (select row_to_json(e)::text from e) as event from t`.execute(
    db,
  );
  const done = written.rows[0];
  if (!done) return null;
  const updated: TicketRow = {
    ...rowFromJson<Omit<TicketRow, "policy" | "sla_snapshot">>(done.ticket, TICKET_TIMESTAMPS),
    policy: row.policy,
    sla_snapshot: snapshot as unknown as TicketRow["sla_snapshot"],
  };
  const stored = toEventRecord(rowFromJson<TicketEventRow>(done.event, TICKET_EVENT_TIMESTAMPS));
  const events = [...previous, stored];
  rememberTicketState(db, { row: updated, events });
  return detailOf(updated, events, computeTicketSla(resolved, events, ctx.now));
}
