import { z } from "zod";
import { actorOf, type Ctx, type Db, parseInput, requireRole } from "../context/index.js";
import { ConflictError, NotFoundError } from "../errors/index.js";
import { writeAudit } from "../store/index.js";
import type { Claim } from "./prepare-claim.js";
import { computeContractClaim } from "./storage/contract-claim.js";
import { importRequestLog, type LogImportResult } from "./storage/log-imports.js";
import { AvailabilitySettings, getSettings, putSettings } from "./storage/settings.js";

// The verbs of a contract's availability: each checks the caller's role first, validates its
// input, audits a write in the write's transaction, and returns a view.

const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM");

/** `?period=YYYY-MM`, optionally overriding the contract's formula or time zone for this computation. */
export const AvailabilityQuery = z.object({
  period: Period,
  formula: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
});
export const ClaimQuery = AvailabilityQuery.extend({
  lang: z.enum(["zh", "en"]).default("en"),
  format: z.enum(["md", "html"]).default("md"),
});
/** A customer's request log (CSV or JSON Lines). */
export const RequestLogBody = z.object({
  name: z.string().trim().min(1).max(200).default("request-log"),
  format: z.enum(["csv", "jsonl"]).optional(),
  text: z.string().min(1),
  /** Zone for timestamps written without a UTC offset. */
  timezone: z.string().min(1).optional(),
  count_429: z.boolean().default(false),
});
export const SettingsBody = AvailabilitySettings.extend({ version: z.number().int().optional() });

/** The contract a verb is about (`id`, as in the route path). */
const ContractRef = z.object({ id: z.string().min(1) });

async function requireContract(db: Db, workspaceId: string, contractId: string): Promise<void> {
  const row = await db
    .selectFrom("contracts")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", contractId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("contract", contractId);
}

/**
 * A contract's month measured by the vendor's formula (viewer): the report, the credit owed and
 * the claim window, from which the API's availability view and claim letter are made.
 */
export async function contractClaim({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Claim> {
  const ws = requireRole(ctx, "viewer");
  const { id: contract_id } = parseInput("params", ContractRef, input);
  const q = parseInput("query", AvailabilityQuery, input);
  return computeContractClaim(ctx.db, {
    workspaceId: ws,
    contractId: contract_id,
    period: q.period,
    overrides: { formula: q.formula, timezone: q.timezone },
    now: ctx.now,
  });
}

/** Imports the customer's request log for a contract (editor); a file seen before changes nothing. */
export async function importContractLog({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<LogImportResult> {
  const ws = requireRole(ctx, "editor");
  const { id: contract_id } = parseInput("params", ContractRef, input);
  await requireContract(ctx.db, ws, contract_id);
  const body = parseInput("body", RequestLogBody, input);
  return ctx.db.transaction().execute(async (trx) => {
    const result = await importRequestLog(trx, {
      workspaceId: ws,
      contractId: contract_id,
      actorId: actorOf(ctx),
      text: body.text,
      options: { name: body.name, format: body.format, timezone: body.timezone, count429: body.count_429 },
    });
    if (!result.duplicate) {
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "import",
        entity: "request_log",
        entityId: result.import_id,
        details: { contract_id, imported: result.imported, broken: result.broken_count },
      });
    }
    return result;
  });
}

export type SettingsView = AvailabilitySettings & { version: number | null };

/** How a contract's availability is measured (viewer); version null until first set. */
export async function getAvailabilitySettings({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<SettingsView> {
  const ws = requireRole(ctx, "viewer");
  const { id: contract_id } = parseInput("params", ContractRef, input);
  await requireContract(ctx.db, ws, contract_id);
  const { version, ...settings } = await getSettings(ctx.db, ws, contract_id);
  return { ...settings, version };
}

/** Sets how a contract's availability is measured (editor); a stale `version` is a 409. */
export async function putAvailabilitySettings({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<AvailabilitySettings & { version: number }> {
  const ws = requireRole(ctx, "editor");
  const { id: contract_id } = parseInput("params", ContractRef, input);
  await requireContract(ctx.db, ws, contract_id);
  const { version: expected, ...settings } = parseInput("body", SettingsBody, input);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await getSettings(trx, ws, contract_id);
    if (expected != null && current.version != null && expected !== current.version) {
      throw new ConflictError(
        `availability settings changed (version ${current.version}, you sent ${expected})`,
      );
    }
    const version = await putSettings(trx, {
      workspaceId: ws,
      contractId: contract_id,
      settings,
      now: ctx.now,
    });
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "update",
      entity: "availability_settings",
      entityId: contract_id,
      details: { formula: settings.formula, timezone: settings.timezone },
    });
    return { ...settings, version };
  });
}
