import { type Kysely, sql } from "kysely";
import { isTermsightError, NotFoundError } from "../errors/index.js";
import type { Database } from "../store/index.js";
import { commitImportBatch } from "./commit-import-batch.js";
import { type ImportJobView, toImportJobView } from "./import-jobs.js";
import { decodePayload, type ImportParseOptions, parseImportFiles } from "./import-payload.js";
import type { ImportFormat } from "./import-row.js";

export interface RunImportOptions {
  /** Clock for progress timestamps (default: the real time). */
  now?: () => Date;
  /** Called after each committed batch (progress, tests). */
  onBatch?: (progress: { done: number; total: number }) => void;
}

/**
 * Runs (or resumes) an import job: commits its rows in batches of `batch_size`, one transaction
 * each, with the job's `done` counter updated in the same transaction. A crash loses at most the
 * batch in flight; running the job again continues after the last committed batch, and re-running
 * a finished import changes nothing (events are keyed by source_key).
 */
export async function runImportJob(
  db: Kysely<Database>,
  jobId: string,
  opts: RunImportOptions = {},
): Promise<ImportJobView> {
  const now = opts.now ?? (() => new Date());
  const job = await db.selectFrom("import_jobs").selectAll().where("id", "=", jobId).executeTakeFirst();
  if (!job) throw new NotFoundError("import", jobId);
  if (job.status === "running") {
    try {
      const files = decodePayload(job.format as ImportFormat, job.source_name, job.payload);
      const rows = await parseImportFiles(
        job.format as ImportFormat,
        files,
        job.options as unknown as ImportParseOptions,
      );
      let done = job.done;
      while (done < rows.length) {
        const finished = await db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom("import_jobs")
            .select(["done", "status"])
            .where("id", "=", jobId)
            .forUpdate()
            .executeTakeFirstOrThrow();
          if (current.status !== "running") return rows.length; // finished elsewhere
          if (current.done !== done) return current.done; // another runner moved on: follow it
          const batch = rows.slice(done, done + job.batch_size);
          await commitImportBatch(trx, job, batch);
          const next = done + batch.length;
          const at = now();
          await trx
            .updateTable("import_jobs")
            .set({
              done: next,
              updated_at: at,
              ...(next >= rows.length ? { status: "done", finished_at: at } : {}),
            })
            .where("id", "=", jobId)
            .execute();
          return next;
        });
        done = finished;
        opts.onBatch?.({ done, total: rows.length });
      }
      if (rows.length === 0) {
        await db
          .updateTable("import_jobs")
          .set({ status: "done", finished_at: now(), updated_at: now() })
          .where("id", "=", jobId)
          .execute();
      }
    } catch (err) {
      const message = isTermsightError(err) ? err.message : `internal error: ${(err as Error).message}`;
      await db
        .updateTable("import_jobs")
        .set({
          status: "failed",
          error: message.slice(0, 2000),
          failed: sql`total - done`,
          updated_at: now(),
          finished_at: now(),
        })
        .where("id", "=", jobId)
        .where("status", "=", "running")
        .execute();
    }
  }
  const row = await db
    .selectFrom("import_jobs")
    .selectAll()
    .where("id", "=", jobId)
    .executeTakeFirstOrThrow();
  return toImportJobView(row);
}

/** Ids of jobs left running (e.g. by a crash), to resume at start. */
export async function runningImportJobs(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom("import_jobs")
    .select("id")
    .where("status", "=", "running")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Resumes every job a crash left running (call once at server start, in the background); each
 * continues after its last committed batch. Returns the jobs as they ended.
 */
export async function resumeRunningImports(
  db: Kysely<Database>,
  opts: RunImportOptions = {},
): Promise<ImportJobView[]> {
  const out: ImportJobView[] = [];
  for (const id of await runningImportJobs(db)) out.push(await runImportJob(db, id, opts));
  return out;
}
