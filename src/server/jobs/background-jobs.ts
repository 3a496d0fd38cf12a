import { type RetentionPolicy, startRetentionJob } from "../../probes/index.js";
import { type ServerProbes, type ServerProbesOptions, startServerProbes } from "./server-probes.js";

export interface BackgroundJobsOptions extends ServerProbesOptions {
  retention?: RetentionPolicy;
  /** How often retention runs (default hourly). */
  retentionEveryMs?: number;
}

export interface BackgroundJobs {
  probes: ServerProbes;
  /** Runs retention now (also runs on its timer). */
  runRetention(): ReturnType<ReturnType<typeof startRetentionJob>["runNow"]>;
  /** Stops both jobs; idempotent. */
  stop(): Promise<void>;
}

/** What `termsight serve` runs beside the API: probe retention and the server's own probe scheduler. */
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
  return {
    probes,
    runRetention: () => retention.runNow(),
    stop() {
      stopping ??= (async () => {
        retention.stop();
        await probes.stop();
      })();
      return stopping;
    },
  };
}
