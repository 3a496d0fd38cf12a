import { z } from "zod";
import { ConflictError, InputError } from "../errors/index.js";
import { newId, writeAudit } from "../store/index.js";
import { detailOf, requireTicketRow, type TicketDetail } from "./get-ticket.js";
import { parseVerbInput } from "./parse-input.js";
import { slaColumns } from "./sla-snapshot.js";
import type { TicketContext } from "./ticket-context.js";
import { checkEventSequence } from "./ticket-event.js";
import { computeTicketSla, PolicyResolver, requireKnownSeverities, requireNotFuture } from "./ticket-sla.js";
import { loadEvents, toEventRecord } from "./ticket-view.js";
import { ticketFieldsOf } from "./write-events.js";

export const AddTicketEventInput = z.object({
  ticket_id: z.string().min(1),
  /** The version the caller last saw (If-Match); a stale one is a 409. */
  version: z.number().int().positive().optional(),
  event: z.unknown(),
});
export type AddTicketEventInput = z.input<typeof AddTicketEventInput>;

/**
 * Appends one event to a ticket: checked against the stored events (order, life cycle), with
 * optimistic concurrency on `version`, audited, in one transaction.
 */
export async function addTicketEvent({
  ctx,
  input,
}: {
  ctx: TicketContext;
  input: unknown;
}): Promise<TicketDetail> {
  const data = parseVerbInput(AddTicketEventInput, input);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await requireTicketRow(trx, ctx.workspaceId, data.ticket_id, true);
    if (data.version !== undefined && data.version !== row.version) {
      throw new ConflictError(
        `ticket ${row.id} is at version ${row.version}, not ${data.version}; reload and retry`,
      );
    }
    const previous = (await loadEvents(trx, [row.id])).get(row.id) ?? [];
    const checked = checkEventSequence([data.event], previous);
    if (!checked.ok) throw new InputError(`body.event.${checked.problem.field}`, checked.problem.reason);
    const [event] = checked.events;
    requireNotFuture([event], ctx.now, () => "body.event.at");
    const resolved = await new PolicyResolver(trx, ctx.workspaceId).resolve(row);
    requireKnownSeverities(resolved, [event], () => "body.event.severity");
    const stored = await trx
      .insertInto("ticket_events")
      .values({
        id: newId(),
        workspace_id: ctx.workspaceId,
        ticket_id: row.id,
        seq: row.event_count + 1,
        type: event.type,
        at: event.at,
        severity: event.severity,
        status: event.status,
        author: event.author,
        body: event.body,
        source_key: event.source_key,
        created_by: ctx.actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const all = [...previous, toEventRecord(stored)];
    const fields = ticketFieldsOf(all);
    const updated = await trx
      .updateTable("tickets")
      .set({
        status: fields.status,
        severity: fields.severity,
        last_event_at: fields.last_event_at,
        event_count: fields.event_count,
        version: row.version + 1,
        updated_at: ctx.now,
        ...slaColumns(resolved, all),
      })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "add_event",
      entity: "ticket",
      entityId: row.id,
      details: { type: event.type, at: event.at },
    });
    // The reply is built from what the transaction holds: no second read of the ticket.
    return detailOf(updated, all, computeTicketSla(resolved, all, ctx.now));
  });
}
