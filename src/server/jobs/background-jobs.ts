import { type RetentionPolicy, startRetentionJob } from "../../probes/index.js";
import { type Store, startAutoAnalyze } from "../../store/index.js";
import { refreshTicketSla, resumeRunningImports } from "../../tickets/index.js";
import { type ServerProbes, type ServerProbesOptions, startServerProbes } from "./server-probes.js";

export interface BackgroundJobsOptions extends ServerProbesOptions {
  /** The store itself: on PGlite, tables are analyzed as autovacuum would (see store/auto-analyze.ts). */
  store?: Store;
  /** How often the analyze check runs (default a minute). */
  analyzeEveryMs?: number;
  retention?: RetentionPolicy;
  /** How often retention runs (default hourly). */
  retentionEveryMs?: number;
}

export interface BackgroundJobs {
  probes: ServerProbes;
  /** Settles when the ticket imports cut off by an earlier stop (crash, kill -9) have been resumed. */
  resumedImports: Promise<number>;
  /** Settles when every ticket's stored SLA state is current (after a migration or new clock data). */
  refreshedSla: Promise<number>;
  /** Runs retention now (also runs on its timer). */
  runRetention(): ReturnType<ReturnType<typeof startRetentionJob>["runNow"]>;
  /** Stops both jobs; idempotent. */
  stop(): Promise<void>;
}

/**
 * What `termsight serve` runs beside the API: probe retention, the server's own probe scheduler,
 * the resumption of ticket imports an earlier process left running (batches are idempotent), and
 * the recomputation of stale stored SLA states (lists also do it for the rows they read).
 */
export async function startBackgroundJobs(opts: BackgroundJobsOptions): Promise<BackgroundJobs> {
  const retention = startRetentionJob({
    db: opts.db,
    policy: opts.retention,
    everyMs: opts.retentionEveryMs,
    now: opts.now,
    onError: opts.onError,
  });
  let probes: ServerProbes;
  try {
    probes = await startServerProbes(opts);
  } catch (err) {
    retention.stop();
    throw err;
  }
  let stopping: Promise<void> | null = null;
  const analyze = opts.store
    ? startAutoAnalyze({
        store: opts.store,
        everyMs: opts.analyzeEveryMs,
        onError: (err) => {
          if (!stopping) opts.onError?.(err);
        },
      })
    : null;
  const resumedImports = resumeRunningImports(opts.db).then(
    (jobs) => jobs.length,
    (err) => {
      // After stop() the store may be closing under the import: that is not a failure to report.
      if (!stopping) opts.onError?.(err);
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
    if (!stopping) opts.onError?.(err);
    return 0;
  });
  return {
    probes,
    resumedImports,
    refreshedSla,
    runRetention: () => retention.runNow(),
    stop() {
      stopping ??= (async () => {
        retention.stop();
        analyze?.stop();
        await probes.stop();
        await refreshedSla;
      })();
      return stopping;
    },
  };
}
