import { sql } from "kysely";
import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { InputError, NotFoundError } from "../errors/index.js";
import { decodeListCursor, encodeListCursor, newId, writeAudit } from "../store/index.js";
import { findVendorContract } from "./contract-terms.js";
import { requireVendorInWorkspace } from "./create-ticket.js";
import { checkMaintenanceNotice } from "./notice-check.js";
import { parseVerbInput } from "./parse-input.js";
import { iso, ticketScope } from "./ticket-context.js";
import { parseIsoInstant } from "./ticket-event.js";

const Instant = z
  .string()
  .refine((s) => parseIsoInstant(s) != null, "expected an ISO 8601 instant with an offset");

export const RecordMaintenanceNoticeInput = z.object({
  vendor_id: z.string().min(1).nullable().optional(),
  title: z.string().trim().min(1).max(500),
  /** When the vendor gave notice; default now. */
  notice_at: Instant.optional(),
  window_start: Instant,
  window_end: Instant,
});

export const UpdateMaintenanceNoticeInput = z.object({
  id: z.string().min(1),
  title: z.string().trim().min(1).max(500).optional(),
  notice_at: Instant.optional(),
  window_start: Instant.optional(),
  window_end: Instant.optional(),
});

export const ListMaintenanceNoticesInput = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
  vendor_id: z.string().min(1).optional(),
  late: z.enum(["true", "false"]).optional(),
});

export interface MaintenanceNoticeView {
  id: string;
  vendor_id: string | null;
  title: string;
  notice_at: string;
  window_start: string;
  window_end: string;
  notice_hours_given: number;
  /** The contract's `maintenance.notice_hours` when recorded (null: silent or no contract). */
  notice_hours_committed: number | null;
  /** Less notice than committed. */
  late: boolean | null;
  created_at: string;
}

type Row = {
  id: string;
  vendor_id: string | null;
  title: string;
  notice_at: Date | string;
  window_start: Date | string;
  window_end: Date | string;
  notice_hours_given: number;
  committed_hours: number | null;
  late: boolean | null;
  created_at: Date | string;
};

function toView(r: Row): MaintenanceNoticeView {
  return {
    id: r.id,
    vendor_id: r.vendor_id,
    title: r.title,
    notice_at: iso(r.notice_at),
    window_start: iso(r.window_start),
    window_end: iso(r.window_end),
    notice_hours_given: Number(r.notice_hours_given),
    notice_hours_committed: r.committed_hours == null ? null : Number(r.committed_hours),
    late: r.late,
    created_at: iso(r.created_at),
  };
}

/**
 * Records a maintenance notice and compares the notice given with the vendor contract's committed
 * notice period (snapshotted, so the record stands as evidence if the contract changes later).
 */
export async function recordMaintenanceNotice({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<MaintenanceNoticeView> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(RecordMaintenanceNoticeInput, input);
  if (Date.parse(data.window_end) < Date.parse(data.window_start))
    throw new InputError("body.window_end", "is before window_start");
  const noticeAt = data.notice_at ?? ctx.now.toISOString();
  const id = newId();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await requireVendorInWorkspace(trx, ctx.workspaceId, data.vendor_id, "body.vendor_id");
    const contract = await findVendorContract(
      trx,
      ctx.workspaceId,
      data.vendor_id ?? null,
      new Date(data.window_start),
    );
    const check = checkMaintenanceNotice({
      noticeAt,
      windowStart: data.window_start,
      committedHours: contract?.maintenanceNoticeHours ?? null,
    });
    const inserted = await trx
      .insertInto("maintenance_notices")
      .values({
        id,
        workspace_id: ctx.workspaceId,
        vendor_id: data.vendor_id ?? null,
        title: data.title,
        notice_at: noticeAt,
        window_start: data.window_start,
        window_end: data.window_end,
        committed_hours: check.notice_hours_committed,
        notice_hours_given: check.notice_hours_given,
        late: check.late,
        created_by: ctx.actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "create",
      entity: "maintenance_notice",
      entityId: id,
      details: { late: check.late },
    });
    return inserted;
  });
  return toView(row);
}

/**
 * Corrects a maintenance notice (title, when notice was given, the window) and judges it again
 * against the contract in force at the (new) window start.
 */
export async function updateMaintenanceNotice({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<MaintenanceNoticeView> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(UpdateMaintenanceNoticeInput, input);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("maintenance_notices")
      .selectAll()
      .where("id", "=", data.id)
      .where("workspace_id", "=", ctx.workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError("maintenance notice", data.id);
    const noticeAt = data.notice_at ?? iso(row.notice_at);
    const windowStart = data.window_start ?? iso(row.window_start);
    const windowEnd = data.window_end ?? iso(row.window_end);
    if (Date.parse(windowEnd) < Date.parse(windowStart))
      throw new InputError("body.window_end", "is before window_start");
    const contract = await findVendorContract(trx, ctx.workspaceId, row.vendor_id, new Date(windowStart));
    const check = checkMaintenanceNotice({
      noticeAt,
      windowStart,
      committedHours: contract?.maintenanceNoticeHours ?? null,
    });
    const { id: _id, ...fields } = data;
    const updated = await trx
      .updateTable("maintenance_notices")
      .set({
        title: data.title ?? row.title,
        notice_at: noticeAt,
        window_start: windowStart,
        window_end: windowEnd,
        committed_hours: check.notice_hours_committed,
        notice_hours_given: check.notice_hours_given,
        late: check.late,
      })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "update",
      entity: "maintenance_notice",
      entityId: row.id,
      details: { fields: Object.keys(fields), late: check.late },
    });
    return toView(updated);
  });
}

export async function listMaintenanceNotices({
  ctx: verbCtx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ items: MaintenanceNoticeView[]; next_cursor: string | null }> {
  const ctx = ticketScope(verbCtx, "viewer");
  const data = parseVerbInput(ListMaintenanceNoticesInput, input, "query");
  let q = ctx.db.selectFrom("maintenance_notices").selectAll().where("workspace_id", "=", ctx.workspaceId);
  if (data.vendor_id) q = q.where("vendor_id", "=", data.vendor_id);
  if (data.late) q = q.where("late", "=", data.late === "true");
  if (data.cursor) {
    const c = decodeListCursor(data.cursor);
    q = q.where(sql<boolean>`(created_at, id) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(data.limit + 1)
    .execute();
  const items = rows.slice(0, data.limit).map(toView);
  const last = rows[data.limit - 1];
  return {
    items,
    next_cursor: rows.length > data.limit && last ? encodeListCursor(last.created_at, last.id) : null,
  };
}
