import { actorOf, type Ctx, requireRole } from "../context/index.js";
import { writeAudit } from "../store/index.js";
import { getImportJob, type ImportJobView, startImport } from "./import-jobs.js";
import { formatOfName, type ImportFile } from "./import-payload.js";
import { runImportJob } from "./run-import-job.js";

/** How an import started by a face runs on: its clock and where a background failure is reported. */
export interface ImportRunner {
  /** Clock for the batches' progress timestamps (the server's injectable clock). */
  clock: () => Date;
  /** A background run's failure (the job itself records it as failed). */
  onError: (err: unknown) => void;
}

/** The files of an import with the form fields or query that came with them (all strings). */
export interface ImportTicketsInput {
  files: ImportFile[];
  fields: Record<string, string | undefined>;
}

/**
 * Validates and records an import (startImport: editor, audited), then runs it: inline when it
 * fits one batch (`finished`), else in the background, its progress read with getImportJob.
 */
export async function importTickets({
  ctx,
  input,
  runner,
}: {
  ctx: Ctx;
  input: ImportTicketsInput;
  runner: ImportRunner;
}): Promise<{ job: ImportJobView; finished: boolean }> {
  const { files, fields } = input;
  const format = fields.format ?? (files[0] ? formatOfName(files[0].name) : null);
  const domains = fields.vendor_domains
    ?.split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  const job = await startImport({
    ctx,
    input: {
      format,
      vendor_id: fields.vendor_id || null,
      ...(fields.severity ? { severity: fields.severity } : {}),
      ...(domains ? { vendor_domains: domains } : {}),
      ...(fields.batch_size ? { batch_size: fields.batch_size } : {}),
    },
    files,
  });
  if (job.total <= job.batch_size) {
    return { job: await runImportJob(ctx.store.db, job.id, { now: runner.clock }), finished: true };
  }
  void runImportJob(ctx.store.db, job.id, { now: runner.clock }).catch(runner.onError);
  return { job, finished: false };
}

/** Resumes an import left running by a crash (editor); a finished one is returned as it is. */
export async function resumeImport({
  ctx,
  input,
  runner,
}: {
  ctx: Ctx;
  input: unknown;
  runner: ImportRunner;
}): Promise<{ job: ImportJobView; resumed: boolean }> {
  const ws = requireRole(ctx, "editor");
  const job = await getImportJob({ ctx, input });
  if (job.status !== "running") return { job, resumed: false };
  await writeAudit(ctx.db, {
    workspaceId: ws,
    actorId: actorOf(ctx),
    action: "resume",
    entity: "import_job",
    entityId: job.id,
    details: { done: job.done, total: job.total },
  });
  void runImportJob(ctx.store.db, job.id, { now: runner.clock }).catch(runner.onError);
  return { job, resumed: true };
}
