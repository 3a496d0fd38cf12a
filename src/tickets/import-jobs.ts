import { createHash } from "node:crypto";
import { z } from "zod";
import type { Ctx } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { requireVendorInWorkspace } from "./create-ticket.js";
import { encodePayload, type ImportFile, parseImportFiles } from "./import-payload.js";
import { ItemInput, parseVerbInput } from "./parse-input.js";
import { type Db, iso, isoOrNull, ticketScope } from "./ticket-context.js";

export const DEFAULT_IMPORT_BATCH = 1000;

export const StartImportInput = z.object({
  format: z.enum(["csv", "json", "eml"]),
  vendor_id: z.string().min(1).nullable().optional(),
  /** .eml: severity for threads whose subject names none. */
  severity: z.string().trim().min(1).max(32).default("P3"),
  /** .eml: the vendor's mail domains; default: the host of the vendor's website. */
  vendor_domains: z.array(z.string().trim().min(1)).default([]),
  /** Rows per transaction. */
  batch_size: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_IMPORT_BATCH),
});
export type StartImportInput = z.input<typeof StartImportInput>;

/** Progress of an import as GET /imports/:id shows it. */
export interface ImportJobView {
  id: string;
  format: string;
  source_name: string;
  vendor_id: string | null;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  failed: number;
  batch_size: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

type JobRow = {
  id: string;
  format: string;
  source_name: string;
  vendor_id: string | null;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  failed: number;
  batch_size: number;
  error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
};

export function toImportJobView(row: JobRow): ImportJobView {
  return {
    id: row.id,
    format: row.format,
    source_name: row.source_name,
    vendor_id: row.vendor_id,
    status: row.status,
    total: row.total,
    done: row.done,
    failed: row.failed,
    batch_size: row.batch_size,
    error: row.error,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    finished_at: isoOrNull(row.finished_at),
  };
}

const VIEW_COLUMNS = [
  "id",
  "format",
  "source_name",
  "vendor_id",
  "status",
  "total",
  "done",
  "failed",
  "batch_size",
  "error",
  "created_at",
  "updated_at",
  "finished_at",
] as const;

async function vendorDomains(
  db: Db,
  workspaceId: string,
  vendorId: string | null | undefined,
): Promise<string[]> {
  if (!vendorId) return [];
  const vendor = await db
    .selectFrom("vendors")
    .select("website")
    .where("id", "=", vendorId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!vendor?.website) return [];
  try {
    return [
      new URL(vendor.website.includes("://") ? vendor.website : `https://${vendor.website}`).hostname.replace(
        /^www\./,
        "",
      ),
    ];
  } catch {
    return [];
  }
}

/**
 * Validates a whole import file (CSV, JSON or .eml messages) and records the job with its input;
 * nothing is imported yet (`runImportJob` commits the batches). Malformed input → InputError, nothing written.
 */
export async function startImport({
  ctx: verbCtx,
  input,
  files,
}: {
  ctx: Ctx;
  input: unknown;
  files: ImportFile[];
}): Promise<ImportJobView> {
  const ctx = ticketScope(verbCtx, "editor");
  const data = parseVerbInput(StartImportInput, input);
  await requireVendorInWorkspace(ctx.db, ctx.workspaceId, data.vendor_id, "body.vendor_id");
  const domains =
    data.vendor_domains.length > 0
      ? data.vendor_domains
      : await vendorDomains(ctx.db, ctx.workspaceId, data.vendor_id);
  const options = { severity: data.severity, vendor_domains: domains };
  const rows = await parseImportFiles(data.format, files, options);
  const payload = encodePayload(data.format, files);
  const id = newId();
  const sourceName = files
    .map((f) => f.name)
    .join(", ")
    .slice(0, 500);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("import_jobs")
      .values({
        id,
        workspace_id: ctx.workspaceId,
        vendor_id: data.vendor_id ?? null,
        format: data.format,
        source_name: sourceName,
        sha256: createHash("sha256").update(payload).digest("hex"),
        options: jsonb(options),
        payload,
        status: "running",
        total: rows.length,
        batch_size: data.batch_size,
        created_by: ctx.actorId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    await writeAudit(trx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actorId,
      action: "create",
      entity: "import_job",
      entityId: id,
      details: { format: data.format, rows: rows.length, source: sourceName },
    });
  });
  return importJobView(ctx.db, ctx.workspaceId, id);
}

/** An import's progress (NotFoundError for another workspace's job). */
export async function getImportJob({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ImportJobView> {
  const scope = ticketScope(ctx, "viewer");
  const { id } = parseVerbInput(ItemInput, input, "params");
  return importJobView(scope.db, scope.workspaceId, id);
}

async function importJobView(db: Db, workspaceId: string, id: string): Promise<ImportJobView> {
  const row = await db
    .selectFrom("import_jobs")
    .select(VIEW_COLUMNS)
    .where("id", "=", id)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("import", id);
  return toImportJobView(row);
}
