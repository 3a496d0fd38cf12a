import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { type Database, jsonb, newId } from "../../store/index.js";
import { parseRequestLog, type RequestLogOptions } from "../request-log.js";

export interface LogImportResult {
  import_id: string;
  name: string;
  imported: number;
  broken_count: number;
  broken: { line: number; reason: string }[];
  /** The same file was imported before: nothing new was written. */
  duplicate: boolean;
}

const BATCH = 1000;

/**
 * Imports the customer's request log for a contract: broken lines are counted and reported, the
 * rest stored. Idempotent per file content (sha256); all rows or none (one transaction).
 */
export async function importRequestLog(
  db: Kysely<Database> | Transaction<Database>,
  input: {
    workspaceId: string;
    contractId: string;
    actorId: string | null;
    text: string;
    options: RequestLogOptions;
  },
): Promise<LogImportResult> {
  const sha256 = createHash("sha256").update(input.text).digest("hex");
  const existing = await db
    .selectFrom("request_log_imports")
    .select(["id", "name", "imported", "broken_count", "broken"])
    .where("contract_id", "=", input.contractId)
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  if (existing) {
    return {
      import_id: existing.id,
      name: existing.name,
      imported: existing.imported,
      broken_count: existing.broken_count,
      broken: existing.broken,
      duplicate: true,
    };
  }
  const parsed = parseRequestLog(input.text, input.options);
  const id = newId();
  const write = async (trx: Transaction<Database>) => {
    await trx
      .insertInto("request_log_imports")
      .values({
        id,
        workspace_id: input.workspaceId,
        contract_id: input.contractId,
        name: input.options.name,
        sha256,
        imported: parsed.imported,
        broken_count: parsed.broken_count,
        broken: jsonb(parsed.broken),
        created_by: input.actorId,
      })
      .execute();
    for (let i = 0; i < parsed.observations.length; i += BATCH) {
      const rows = parsed.observations.slice(i, i + BATCH).map((o) => ({
        import_id: id,
        workspace_id: input.workspaceId,
        contract_id: input.contractId,
        at: new Date(o.t),
        ok: o.ok,
        status: o.status,
        latency_ms: o.latency_ms,
        region: o.region,
      }));
      await trx.insertInto("request_log_entries").values(rows).execute();
    }
  };
  // inside the caller's transaction (the verb audits in it), else in one of its own
  if (db.isTransaction) await write(db as Transaction<Database>);
  else await db.transaction().execute(write);
  return {
    import_id: id,
    name: input.options.name,
    imported: parsed.imported,
    broken_count: parsed.broken_count,
    broken: parsed.broken,
    duplicate: false,
  };
}
