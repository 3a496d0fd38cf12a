import { z } from "zod";
import { requireRole, type Verb } from "../context/index.js";
import { ConflictError, NotFoundError } from "../errors/index.js";
import { writeAudit } from "../store/index.js";
import { parseVerbInput } from "./parse-input.js";
import { iso } from "./ticket-context.js";

export const RateTicketInput = z.object({
  ticket_id: z.string().min(1),
  score: z.number().int().min(1).max(5),
  note: z.string().max(5_000).default(""),
});
export type RateTicketInput = z.input<typeof RateTicketInput>;

export interface TicketSatisfactionView {
  ticket_id: string;
  score: number;
  note: string;
  rated_by: string | null;
  rated_at: string;
}

/** Statuses after which the buyer can judge how the vendor handled the ticket. */
const RATEABLE = new Set(["solved", "closed"]);

/**
 * The buyer's satisfaction with how the vendor handled a ticket (1–5 and a note), entered once
 * the ticket is solved; rating again replaces the score. Feeds the report's satisfaction figure.
 */
export const rateTicket: Verb<RateTicketInput, TicketSatisfactionView> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const body = parseVerbInput(RateTicketInput, input);
  return ctx.db.transaction().execute(async (tx) => {
    const ticket = await tx
      .selectFrom("tickets")
      .select(["id", "status"])
      .where("workspace_id", "=", ws)
      .where("id", "=", body.ticket_id)
      .executeTakeFirst();
    if (!ticket) throw new NotFoundError("ticket", body.ticket_id);
    if (!RATEABLE.has(ticket.status))
      throw new ConflictError(`ticket ${ticket.id} is ${ticket.status}: rate it once it is solved`);
    const values = {
      score: body.score,
      note: body.note,
      rated_by: ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null),
      rated_at: ctx.now,
    };
    const row = await tx
      .insertInto("ticket_satisfaction")
      .values({ ticket_id: ticket.id, workspace_id: ws, ...values })
      .onConflict((oc) => oc.column("ticket_id").doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, {
      workspaceId: ws,
      actorId: values.rated_by,
      action: "rate",
      entity: "ticket",
      entityId: ticket.id,
      details: { score: body.score },
      at: ctx.now,
    });
    return {
      ticket_id: row.ticket_id,
      score: row.score,
      note: row.note,
      rated_by: row.rated_by,
      rated_at: iso(row.rated_at),
    };
  });
};
