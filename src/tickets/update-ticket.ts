import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { ConflictError } from "../errors/index.js";
import { jsonb, writeAudit } from "../store/index.js";
import { requireValidPolicy, requireVendorInWorkspace } from "./create-ticket.js";
import { requireTicketRow, type TicketDetail, ticketDetail } from "./get-ticket.js";
import { parseVerbInput } from "./parse-input.js";
import { staleSlaVersion } from "./sla-snapshot.js";
import { ticketScope } from "./ticket-context.js";

export const UpdateTicketInput = z.object({
  ticket_id: z.string().min(1),
  version: z.number().int().positive().optional(),
  subject: z.string().max(1000).optional(),
  vendor_id: z.string().min(1).nullable().optional(),
  policy: z.record(z.string(), z.unknown()).nullable().optional(),
});

/** Changes a ticket's subject, vendor or explicit policy; optimistic concurrency on `version` (409). */
export async function updateTicket({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<TicketDetail> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(UpdateTicketInput, input);
  requireValidPolicy(data.policy);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireTicketRow(trx, ctx.workspaceId, data.ticket_id, true);
    if (data.version !== undefined && data.version !== row.version) {
      throw new ConflictError(
        `ticket ${row.id} is at version ${row.version}, not ${data.version}; reload and retry`,
      );
    }
    await requireVendorInWorkspace(trx, ctx.workspaceId, data.vendor_id, "body.vendor_id");
    await trx
      .updateTable("tickets")
      .set({
        ...(data.subject !== undefined ? { subject: data.subject } : {}),
        ...(data.vendor_id !== undefined ? { vendor_id: data.vendor_id } : {}),
        ...(data.policy !== undefined ? { policy: data.policy === null ? null : jsonb(data.policy) } : {}),
        // Another vendor or policy: the stored SLA state is recomputed on the next read.
        ...(data.vendor_id !== undefined || data.policy !== undefined
          ? { sla_version: staleSlaVersion() }
          : {}),
        version: row.version + 1,
        updated_at: ctx.now,
      })
      .where("id", "=", row.id)
      .execute();
    const changed = Object.keys(data).filter((k) => k !== "ticket_id" && k !== "version");
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "update",
      entity: "ticket",
      entityId: row.id,
      details: { fields: changed },
    });
  });
  return ticketDetail(ctx.db, ctx.workspaceId, data.ticket_id, ctx.now);
}
