import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { ConflictError, InputError, isTermsightError } from "../errors/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { type TicketDetail, ticketDetail } from "./get-ticket.js";
import { isUniqueViolation, parseVerbInput } from "./parse-input.js";
import { slaColumns } from "./sla-snapshot.js";
import { type Db, ticketScope } from "./ticket-context.js";
import { requireEventSequence } from "./ticket-event.js";
import { compilePolicy, PolicyResolver, requireKnownSeverities, requireNotFuture } from "./ticket-sla.js";
import { insertTicketEvents, ticketFieldsOf } from "./write-events.js";

export const CreateTicketInput = z.object({
  external_id: z.string().trim().min(1).max(200).nullable().optional(),
  vendor_id: z.string().min(1).nullable().optional(),
  subject: z.string().max(1000).default(""),
  severity: z.string().trim().min(1).max(32),
  /** When the ticket was opened (ISO with offset); default now. */
  opened_at: z.string().optional(),
  /** An explicit SLA policy (the format of src/clock's loadPolicy); default: the vendor contract's. */
  policy: z.record(z.string(), z.unknown()).nullable().optional(),
  /** Further events after `created`, in order. */
  events: z.array(z.unknown()).default([]),
});
export type CreateTicketInput = z.input<typeof CreateTicketInput>;

/** Checks that a vendor id belongs to the workspace (400 naming the field otherwise). */
export async function requireVendorInWorkspace(
  db: Db,
  workspaceId: string,
  vendorId: string | null | undefined,
  field: string,
) {
  if (!vendorId) return;
  const vendor = await db
    .selectFrom("vendors")
    .select("id")
    .where("id", "=", vendorId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!vendor) throw new InputError(field, `no vendor ${vendorId} in this workspace`);
}

/** Checks an explicit policy compiles (400 naming `body.policy` otherwise). */
export function requireValidPolicy(policy: Record<string, unknown> | null | undefined): void {
  if (policy == null) return;
  try {
    compilePolicy(policy, "policy");
  } catch (err) {
    const reason = isTermsightError(err) ? err.message : String(err);
    throw new InputError("body.policy", reason);
  }
}

/** Creates a ticket with its `created` event (and any later events), audited, in one transaction. */
export async function createTicket({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<TicketDetail> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(CreateTicketInput, input);
  const openedAt = data.opened_at ?? ctx.now.toISOString();
  const events = requireEventSequence("body", [
    { type: "created", at: openedAt, severity: data.severity },
    ...data.events,
  ]);
  requireValidPolicy(data.policy);
  const field = (i: number) => (i === 0 ? "body.opened_at" : `body.events[${i - 1}].at`);
  requireNotFuture(events, ctx.now, field);
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await requireVendorInWorkspace(trx, ctx.workspaceId, data.vendor_id, "body.vendor_id");
      const resolved = await new PolicyResolver(trx, ctx.workspaceId).resolve({
        id,
        vendor_id: data.vendor_id ?? null,
        policy: data.policy ?? null,
        opened_at: events[0].at,
      });
      requireKnownSeverities(resolved, events, (i) =>
        i === 0 ? "body.severity" : `body.events[${i - 1}].severity`,
      );
      if (data.external_id) {
        const dup = await trx
          .selectFrom("tickets")
          .select("id")
          .where("workspace_id", "=", ctx.workspaceId)
          .where("external_id", "=", data.external_id)
          .executeTakeFirst();
        if (dup)
          throw new ConflictError(`a ticket with external_id "${data.external_id}" exists (${dup.id})`);
      }
      await trx
        .insertInto("tickets")
        .values({
          id,
          workspace_id: ctx.workspaceId,
          vendor_id: data.vendor_id ?? null,
          external_id: data.external_id ?? null,
          subject: data.subject,
          policy: data.policy == null ? null : jsonb(data.policy),
          ...ticketFieldsOf(events),
          ...slaColumns(resolved, events),
          created_by: ctx.actorId,
        })
        .execute();
      await insertTicketEvents(trx, {
        workspaceId: ctx.workspaceId,
        ticketId: id,
        startSeq: 1,
        events,
        actorId: ctx.actorId,
      });
      await writeAudit(trx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.actorId,
        action: "create",
        entity: "ticket",
        entityId: id,
        details: { external_id: data.external_id ?? null, events: events.length },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ConflictError(`a ticket with external_id "${data.external_id}" exists`);
    throw err;
  }
  return ticketDetail(ctx.db, ctx.workspaceId, id, ctx.now);
}
