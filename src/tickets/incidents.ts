import { sql } from "kysely";
import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { ConflictError, InputError } from "../errors/index.js";
import { decodeListCursor, encodeListCursor, jsonb, newId, writeAudit } from "../store/index.js";
import { requireVendorInWorkspace } from "./create-ticket.js";
import { requireTicketRow } from "./get-ticket.js";
import { type IncidentView, incidentViews, requireIncidentRow } from "./incident-view.js";
import { ItemInput, parseVerbInput } from "./parse-input.js";
import { type TicketContext, ticketScope } from "./ticket-context.js";
import { parseIsoInstant } from "./ticket-event.js";

const Instant = z
  .string()
  .refine((s) => parseIsoInstant(s) != null, "expected an ISO 8601 instant with an offset");
const RcaContent = z.enum(["cause", "impact", "timeline", "prevention"]);

export const CreateIncidentInput = z.object({
  vendor_id: z.string().min(1).nullable().optional(),
  ticket_id: z.string().min(1).nullable().optional(),
  title: z.string().trim().min(1).max(500),
  severity: z.string().trim().min(1).max(32).nullable().optional(),
  description: z.string().max(20_000).default(""),
  started_at: Instant,
  resolved_at: Instant.nullable().optional(),
});

export const UpdateIncidentInput = z.object({
  id: z.string().min(1),
  version: z.number().int().positive().optional(),
  title: z.string().trim().min(1).max(500).optional(),
  severity: z.string().trim().min(1).max(32).nullable().optional(),
  description: z.string().max(20_000).optional(),
  started_at: Instant.optional(),
  resolved_at: Instant.nullable().optional(),
});

export const RecordRcaInput = z.object({
  incident_id: z.string().min(1),
  /** When the vendor delivered the report; default now. */
  received_at: Instant.optional(),
  document_id: z.string().min(1).nullable().optional(),
  summary: z.string().max(20_000).default(""),
  contents: z.array(RcaContent).default([]),
});

export const ListIncidentsInput = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
  vendor_id: z.string().min(1).optional(),
});

function requireOrder(startedAt: string, resolvedAt: string | null | undefined) {
  if (resolvedAt && Date.parse(resolvedAt) < Date.parse(startedAt)) {
    throw new InputError("body.resolved_at", "is before started_at");
  }
}

async function one(ctx: TicketContext, id: string): Promise<IncidentView> {
  const row = await requireIncidentRow(ctx.db, ctx.workspaceId, id);
  const [view] = await incidentViews(ctx.db, ctx.workspaceId, [row], ctx.now);
  return view;
}

/** Records a vendor incident (audited). */
export async function createIncident({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<IncidentView> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(CreateIncidentInput, input);
  requireOrder(data.started_at, data.resolved_at);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await requireVendorInWorkspace(trx, ctx.workspaceId, data.vendor_id, "body.vendor_id");
    if (data.ticket_id) await requireTicketRow(trx, ctx.workspaceId, data.ticket_id);
    await trx
      .insertInto("incidents")
      .values({
        id,
        workspace_id: ctx.workspaceId,
        vendor_id: data.vendor_id ?? null,
        ticket_id: data.ticket_id ?? null,
        title: data.title,
        severity: data.severity ?? null,
        description: data.description,
        started_at: data.started_at,
        resolved_at: data.resolved_at ?? null,
        created_by: ctx.actorId,
      })
      .execute();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "create",
      entity: "incident",
      entityId: id,
      details: { title: data.title },
    });
  });
  return one(ctx, id);
}

/** Updates an incident (e.g. marks it resolved); optimistic concurrency on `version` (409). */
export async function updateIncident({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<IncidentView> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(UpdateIncidentInput, input);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireIncidentRow(trx, ctx.workspaceId, data.id, true);
    if (data.version !== undefined && data.version !== row.version) {
      throw new ConflictError(
        `incident ${row.id} is at version ${row.version}, not ${data.version}; reload and retry`,
      );
    }
    const startedAt = data.started_at ?? new Date(row.started_at).toISOString();
    const resolvedAt =
      data.resolved_at !== undefined
        ? data.resolved_at
        : row.resolved_at
          ? new Date(row.resolved_at).toISOString()
          : null;
    requireOrder(startedAt, resolvedAt);
    const { id: _id, version: _v, ...fields } = data;
    await trx
      .updateTable("incidents")
      .set({ ...fields, version: sql`version + 1`, updated_at: ctx.now })
      .where("id", "=", row.id)
      .execute();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "update",
      entity: "incident",
      entityId: row.id,
      details: { fields: Object.keys(fields) },
    });
  });
  return one(ctx, data.id);
}

/** Records that an RCA report was received; the incident's RCA verdict follows from the contract. */
export async function recordRcaReport({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<IncidentView> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(RecordRcaInput, input);
  await ctx.db.transaction().execute(async (trx) => {
    const incident = await requireIncidentRow(trx, ctx.workspaceId, data.incident_id, true);
    if (data.document_id) {
      const doc = await trx
        .selectFrom("documents")
        .select("id")
        .where("id", "=", data.document_id)
        .where("workspace_id", "=", ctx.workspaceId)
        .executeTakeFirst();
      if (!doc) throw new InputError("body.document_id", `no document ${data.document_id} in this workspace`);
    }
    const id = newId();
    await trx
      .insertInto("rca_reports")
      .values({
        id,
        workspace_id: ctx.workspaceId,
        incident_id: incident.id,
        received_at: data.received_at ?? ctx.now,
        document_id: data.document_id ?? null,
        summary: data.summary,
        contents: jsonb(data.contents),
        created_by: ctx.actorId,
      })
      .execute();
    await trx
      .updateTable("incidents")
      .set({ version: sql`version + 1`, updated_at: ctx.now })
      .where("id", "=", incident.id)
      .execute();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "create",
      entity: "rca_report",
      entityId: id,
      details: { incident_id: incident.id },
    });
  });
  return one(ctx, data.incident_id);
}

export async function getIncident({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<IncidentView> {
  const ctx = ticketScope(verbCtx, "viewer");
  return one(ctx, parseVerbInput(ItemInput, input, "params").id);
}

/** Incidents newest first with their RCA verdicts. */
export async function listIncidents({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ items: IncidentView[]; next_cursor: string | null }> {
  const ctx = ticketScope(verbCtx, "viewer");
  const data = parseVerbInput(ListIncidentsInput, input, "query");
  let q = ctx.db.selectFrom("incidents").selectAll().where("workspace_id", "=", ctx.workspaceId);
  if (data.vendor_id) q = q.where("vendor_id", "=", data.vendor_id);
  if (data.cursor) {
    const c = decodeListCursor(data.cursor);
    q = q.where(sql<boolean>`(created_at, id) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(data.limit + 1)
    .execute();
  const items = await incidentViews(ctx.db, ctx.workspaceId, rows.slice(0, data.limit), ctx.now);
  const last = rows[data.limit - 1];
  return {
    items,
    next_cursor: rows.length > data.limit && last ? encodeListCursor(last.created_at, last.id) : null,
  };
}
