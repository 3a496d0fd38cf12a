import { z } from "zod";
import { type Ctx, FileResult, requireRole, type Verb } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { checkWatch, type WatchCheckResult, type WatchFetchOptions, type WatchRow } from "./check-watch.js";
import { extractWatchedText } from "./extract-text.js";
import { fetchPage, watchFetchOptionsFromEnv } from "./fetch-page.js";
import {
  dumpWatchFile,
  loadWatchFile,
  parseWatchDeclaration,
  type WatchDeclaration,
  type WatchDeclarationInput,
} from "./watch-declaration.js";
import { jitterMs } from "./watch-schedule.js";

/** A watch as the API shows it. */
export interface WatchView {
  id: string;
  vendor_id: string;
  name: string;
  declaration: WatchDeclaration;
  state: string;
  broken_reason: string | null;
  last_fetched_at: Date | null;
  next_due_at: Date;
  last_document_id: string | null;
}

/** The audit actor: the user, or null for the server's own work (the system caller is no user row). */
function actorOf(ctx: Ctx): string | null {
  return ctx.caller && ctx.caller.via !== "system" ? ctx.caller.userId : null;
}

function viewOf(row: WatchRow): WatchView {
  return {
    id: row.id,
    vendor_id: row.vendor_id,
    name: row.name,
    declaration: row.declaration as WatchDeclaration,
    state: row.state,
    broken_reason: row.broken_reason,
    last_fetched_at: row.last_fetched_at,
    next_due_at: row.next_due_at,
    last_document_id: row.last_document_id,
  };
}

async function requireVendor(ctx: Ctx, ws: string, vendorId: string, source: string) {
  const vendor = await ctx.db
    .selectFrom("vendors")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("id", "=", vendorId)
    .executeTakeFirst();
  if (!vendor) throw new NotFoundError("vendor", `${vendorId} (${source})`);
}

async function requireContract(ctx: Ctx, ws: string, contractId: string | null, source: string) {
  if (!contractId) return;
  const row = await ctx.db
    .selectFrom("contracts")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("id", "=", contractId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("contract", `${contractId} (${source})`);
}

/** Creates or replaces (by vendor and name) one watch row; `ctx` needs only the db and the clock. */
export async function upsertWatch(
  ctx: Pick<Ctx, "db" | "now">,
  ws: string,
  decl: WatchDeclaration,
): Promise<WatchRow> {
  const existing = await ctx.db
    .selectFrom("watched_documents")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("vendor_id", "=", decl.vendor_id)
    .where("name", "=", decl.name)
    .executeTakeFirst();
  if (existing)
    return (
      ctx.db
        .updateTable("watched_documents")
        // a changed declaration is due now and may repair a broken watch; the validators are
        // dropped so the next fetch reads the whole page with the new selectors instead of a 304
        .set({
          declaration: jsonb(decl),
          etag: null,
          last_modified: null,
          state: existing.state === "broken" ? "pending" : existing.state,
          next_due_at: ctx.now,
          updated_at: ctx.now,
        })
        .where("id", "=", existing.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    );
  const id = newId();
  return ctx.db
    .insertInto("watched_documents")
    .values({
      id,
      workspace_id: ws,
      vendor_id: decl.vendor_id,
      name: decl.name,
      declaration: jsonb(decl),
      next_due_at: new Date(ctx.now.getTime() + jitterMs(id, decl.schedule.jitter_minutes)),
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Creates or replaces (by vendor and name) one watched document. */
export const putWatch: Verb<WatchDeclarationInput, WatchView> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const decl = parseWatchDeclaration(input, "body");
  await requireVendor(ctx, ws, decl.vendor_id, "body.vendor_id");
  await requireContract(ctx, ws, decl.contract_id, "body.contract_id");
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const row = await upsertWatch(tctx, ws, decl);
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "put",
      entity: "watch",
      entityId: row.id,
      details: { name: decl.name, url: decl.url },
      at: ctx.now,
    });
    return viewOf(row);
  });
};

/** Applies a `termsight.watch/v1` YAML file: each declaration created or replaced, in one transaction. */
export const applyWatchFile: Verb<{ yaml: string }, WatchView[]> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const file = loadWatchFile(z.string().max(2_000_000).parse(input.yaml), "watch.yaml");
  for (const [i, d] of file.watches.entries()) {
    await requireVendor(ctx, ws, d.vendor_id, `watches.${i}.vendor_id`);
    await requireContract(ctx, ws, d.contract_id, `watches.${i}.contract_id`);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const out: WatchView[] = [];
    for (const decl of file.watches) out.push(viewOf(await upsertWatch({ ...ctx, db: trx }, ws, decl)));
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "apply",
      entity: "watch",
      entityId: null,
      details: { count: out.length },
      at: ctx.now,
    });
    return out;
  });
};

/** The workspace's declarations as a YAML file (terms as code). */
export const exportWatchFile: Verb<Record<string, never>, FileResult> = async ({ ctx }) => {
  const ws = requireRole(ctx, "viewer");
  const rows = await ctx.db
    .selectFrom("watched_documents")
    .select("declaration")
    .where("workspace_id", "=", ws)
    .orderBy("name")
    .execute();
  return FileResult.text(
    dumpWatchFile(rows.map((r) => r.declaration as WatchDeclaration)),
    "application/yaml; charset=utf-8",
  );
};

export const listWatches: Verb<{ vendor_id?: string }, WatchView[]> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  let q = ctx.db.selectFrom("watched_documents").selectAll().where("workspace_id", "=", ws);
  if (input.vendor_id) q = q.where("vendor_id", "=", input.vendor_id);
  return (await q.orderBy("name").execute()).map(viewOf);
};

async function watchRow(ctx: Ctx, ws: string, id: string): Promise<WatchRow> {
  const row = await ctx.db
    .selectFrom("watched_documents")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("watch", id);
  return row;
}

export interface DryRunView {
  outcome: "ok" | "not_modified" | "broken" | "unreachable";
  status: number | null;
  reason: string | null;
  chars: number | null;
  /** Whether the text differs from the last stored version (null when there is none or none was read). */
  changed: boolean | null;
  text_preview: string | null;
}

/**
 * "Fetch now": with `dry_run` (default) fetches and extracts without storing anything (a declaration
 * may be given to test it before saving); otherwise runs the full check of a stored watch.
 */
export function fetchWatchNowWith(
  opts: WatchFetchOptions,
): Verb<
  { id?: string; declaration?: WatchDeclarationInput; dry_run?: boolean },
  DryRunView | WatchCheckResult
> {
  return async ({ ctx, input }) => {
    const dryRun = input.dry_run ?? true;
    const ws = requireRole(ctx, dryRun ? "viewer" : "editor");
    const row = input.id ? await watchRow(ctx, ws, input.id) : null;
    if (!dryRun) {
      if (!row) throw new NotFoundError("watch", "(no id given)");
      return checkWatch(ctx.store, row, ctx.now, opts);
    }
    const decl = input.declaration
      ? parseWatchDeclaration(input.declaration, "body.declaration")
      : row
        ? parseWatchDeclaration(row.declaration)
        : parseWatchDeclaration(undefined, "body.declaration");
    const page = await fetchPage(decl.url, {
      allow: opts.allow,
      resolver: opts.resolver,
      timeoutMs: opts.timeoutMs,
    });
    if (page.kind === "failed")
      return {
        outcome: "unreachable",
        status: page.status,
        reason: page.error,
        chars: null,
        changed: null,
        text_preview: null,
      };
    if (page.kind === "not_modified")
      return {
        outcome: "not_modified",
        status: 304,
        reason: null,
        chars: null,
        changed: false,
        text_preview: null,
      };
    const extracted = await extractWatchedText(page.body, decl.extract, decl.name);
    if (!extracted.ok)
      return {
        outcome: "broken",
        status: page.status,
        reason: extracted.reason,
        chars: null,
        changed: null,
        text_preview: null,
      };
    const { createHash } = await import("node:crypto");
    const sha = createHash("sha256").update(extracted.text).digest("hex");
    return {
      outcome: "ok",
      status: page.status,
      reason: null,
      chars: extracted.text.length,
      changed: row?.last_text_sha256 ? row.last_text_sha256 !== sha : null,
      text_preview: extracted.text.slice(0, 2000),
    };
  };
}

/** "Fetch now" with the operator's allowlist (TERMSIGHT_WATCH_ALLOW). */
export const fetchWatchNow: ReturnType<typeof fetchWatchNowWith> = (args) =>
  fetchWatchNowWith(watchFetchOptionsFromEnv())(args);

export interface WatchVersionView {
  id: string;
  watch_id: string;
  document_id: string;
  previous_document_id: string | null;
  created_at: Date;
  changes: unknown;
  contract_changes: unknown;
  text_diff: unknown;
}

export const listWatchVersions: Verb<{ watch_id: string }, WatchVersionView[]> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  await watchRow(ctx, ws, input.watch_id);
  return ctx.db
    .selectFrom("watch_versions")
    .select([
      "id",
      "watch_id",
      "document_id",
      "previous_document_id",
      "created_at",
      "changes",
      "contract_changes",
      "text_diff",
    ])
    .where("workspace_id", "=", ws)
    .where("watch_id", "=", input.watch_id)
    .orderBy("created_at", "desc")
    .execute();
};

export const listVendorFindings: Verb<{ vendor_id: string }, unknown[]> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  return ctx.db
    .selectFrom("vendor_findings")
    .select([
      "id",
      "vendor_id",
      "source",
      "source_id",
      "finding_id",
      "severity",
      "title",
      "detail",
      "evidence",
      "created_at",
    ])
    .where("workspace_id", "=", ws)
    .where("vendor_id", "=", input.vendor_id)
    .orderBy("created_at", "desc")
    .execute();
};
