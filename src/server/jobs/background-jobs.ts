import {
  type JobRunner,
  type RecurringJob,
  recurringJobs,
  SlotLeases,
  startJobRunner,
} from "../../jobs/index.js";
import {
  applyRetention,
  DEFAULT_RETENTION,
  type RetentionPolicy,
  type SecretBox,
} from "../../probes/index.js";
import { type Store, startAutoAnalyze } from "../../store/index.js";
import { refreshTicketSla, resumeRunningImports } from "../../tickets/index.js";
import {
  DEFAULT_SERVER_REGION,
  type ServerProbes,
  type ServerProbesOptions,
  startServerProbes,
} from "./server-probes.js";

export interface BackgroundJobsOptions extends ServerProbesOptions {
  /**
   * The store itself: with it, the recurring jobs (src/jobs/registry.ts) run through the job
   * runner, and on PGlite tables are analyzed as autovacuum would (see store/auto-analyze.ts).
   */
  store?: Store;
  /** How often the analyze check runs (default a minute). */
  analyzeEveryMs?: number;
  /** The policy `runRetention()` applies (the hourly job applies the default). */
  retention?: RetentionPolicy;
  /** The recurring jobs to run (default the registry's, built with `secretBox` and `env`). */
  jobs?: readonly RecurringJob[];
  /** Opens sealed alert-channel settings for the alert job (null: channels with secrets fail clearly). */
  secretBox?: SecretBox | null;
  /** The operator's environment, for the jobs' allow-lists (default process.env). */
  env?: Record<string, string | undefined>;
  /** How often the job runner looks for due slots (default 15 s). */
  jobTickMs?: number;
  /** Where the job runner tells which server runs which slot, and what each run reports. */
  log?: (message: string, details?: Record<string, unknown>) => void;
  /**
   * Lease probe rounds per (probe, region, slot) so several servers share them (default: on with
   * PostgreSQL; a PGlite folder has one process, see store/folder-lock.ts).
   */
  shareProbes?: boolean;
}

export interface BackgroundJobs {
  probes: ServerProbes;
  /** The recurring jobs (null without `store`). */
  runner: JobRunner | null;
  /** This server's probe round leases (null when probes are not shared). */
  leases: SlotLeases | null;
  /** Settles when the ticket imports cut off by an earlier stop (crash, kill -9) have been resumed. */
  resumedImports: Promise<number>;
  /** Settles when every ticket's stored SLA state is current (after a migration or new clock data). */
  refreshedSla: Promise<number>;
  /** Runs retention now with `retention` (the hourly job runs it too). */
  runRetention(): ReturnType<typeof applyRetention>;
  /** Stops everything; idempotent. */
  stop(): Promise<void>;
}

/**
 * What `termsight serve` runs beside the API: the recurring jobs (probe retention, ticket SLA
 * refresh) through the job runner, the server's own probe rounds (leased per slot when several
 * servers share a PostgreSQL), the resumption of ticket imports an earlier process left running
 * (batches are idempotent), and once at start the recomputation of stale stored SLA states.
 * PGlite's auto-analyze stays a per-process timer: a PGlite folder has exactly one process.
 */
export async function startBackgroundJobs(opts: BackgroundJobsOptions): Promise<BackgroundJobs> {
  const share = opts.shareProbes ?? opts.store?.kind === "postgres";
  const leases = share
    ? new SlotLeases({ db: opts.db, region: opts.region ?? DEFAULT_SERVER_REGION, onError: opts.onError })
    : null;
  let stopping: Promise<void> | null = null;
  const onError = (err: unknown) => {
    // after stop() the store may be closing under a run: that is not a failure to report
    if (!stopping) opts.onError?.(err);
  };
  await leases?.start();
  let runner: JobRunner | null = null;
  let probes: ServerProbes;
  try {
    runner = opts.store
      ? await startJobRunner({
          store: opts.store,
          jobs:
            opts.jobs ?? recurringJobs({ secretBox: opts.secretBox ?? null, env: opts.env ?? process.env }),
          serverId: leases?.serverId,
          now: opts.now,
          tickMs: opts.jobTickMs,
          onError,
          log: opts.log,
        })
      : null;
    probes = await startServerProbes({ ...opts, leases: leases ?? undefined });
  } catch (err) {
    await runner?.stop().catch(() => {});
    await leases?.stop().catch(() => {});
    throw err;
  }
  // On PostgreSQL too: autovacuum may be off, or not yet past a bulk load (store/auto-analyze.ts).
  const analyze = opts.store
    ? startAutoAnalyze({ store: opts.store, everyMs: opts.analyzeEveryMs, onError })
    : null;
  const resumedImports = resumeRunningImports(opts.db).then(
    (jobs) => jobs.length,
    (err) => {
      onError(err);
      return 0;
    },
  );
  const refreshedSla = (async () => {
    let total = 0;
    for (;;) {
      if (stopping) return total;
      const n = await refreshTicketSla(opts.db, { limit: 500 });
      total += n;
      if (n < 500) return total; // a short batch was the last one
    }
  })().catch((err) => {
    onError(err);
    return 0;
  });
  return {
    probes,
    runner,
    leases,
    resumedImports,
    refreshedSla,
    runRetention: () =>
      applyRetention(opts.db, (opts.now ?? (() => new Date()))(), opts.retention ?? DEFAULT_RETENTION),
    stop() {
      stopping ??= (async () => {
        analyze?.stop();
        await probes.stop();
        await leases?.stop().catch(() => {});
        await runner?.stop();
        await refreshedSla;
      })();
      return stopping;
    },
  };
}
