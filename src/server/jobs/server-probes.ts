import type { Kysely } from "kysely";
import {
  type Allowlist,
  EMPTY_ALLOWLIST,
  ProbeScheduler,
  runProbe,
  type SchedulerClock,
  type SecretSource,
  systemClock,
} from "../../probes/index.js";
import type { Database } from "../../store/index.js";
import { createSampleSink } from "./sample-sink.js";
import { loadServerProbeSet } from "./server-probe-set.js";

export const DEFAULT_SERVER_REGION = "server";

export interface ServerProbesOptions {
  db: Kysely<Database>;
  /** The server's own region (`serve --region`, default "server"). */
  region?: string;
  /** The operator's allowlist (`TERMSIGHT_PROBE_ALLOW`); empty = the SSRF guard refuses every private address. */
  allow?: Allowlist;
  /** `env`: only the variables the operator allowed (`--probe-env`), never the whole environment. */
  secrets?: SecretSource;
  /** A workspace's secret values for `${secret:NAME}` (read when a probe names one). */
  secretsFor?: (workspaceId: string) => Promise<Record<string, string>>;
  /** Ceiling on response bytes a probe reads (`--probe-max-body-bytes`). */
  maxBodyBytes?: number;
  /** Timers for the scheduler, the refresh and the sample flush. */
  clock?: SchedulerClock;
  /** Wall clock for sample times. */
  now?: () => Date;
  /** How often the probe set is re-read from the store (default 30 s). */
  refreshMs?: number;
  /** How often samples are written (default 1 s). */
  flushMs?: number;
  concurrency?: number;
  random?: () => number;
  onError?: (err: unknown) => void;
}

export interface ServerProbesStats {
  probes: number;
  completed: number;
  stored: number;
}

export interface ServerProbes {
  /** Re-reads the probe set now; resolves with the number of probes scheduled. */
  refresh(): Promise<number>;
  /** Writes the buffered samples now. */
  flush(): Promise<number>;
  stats(): ServerProbesStats;
  /** Stops scheduling and refreshing, waits for runs in flight, and stores their samples. */
  stop(): Promise<void>;
}

/**
 * Runs the stored probes of the server's region inside the server process: every enabled probe of
 * every workspace (refreshed every `refreshMs`, so probes added through the API start running),
 * through `runProbe` behind the SSRF guard, storing samples and rollups as agent batches are stored.
 */
export async function startServerProbes(opts: ServerProbesOptions): Promise<ServerProbes> {
  const clock = opts.clock ?? systemClock;
  const now = opts.now ?? (() => new Date());
  const region = opts.region ?? DEFAULT_SERVER_REGION;
  const refreshMs = opts.refreshMs ?? 30_000;
  const abort = new AbortController();
  const sink = createSampleSink({ db: opts.db, clock, now, flushMs: opts.flushMs, onError: opts.onError });
  const workspaceOf = new Map<string, string>();
  const scheduler = new ProbeScheduler({
    clock,
    random: opts.random,
    concurrency: opts.concurrency,
    run: async (probe, attempt) =>
      runProbe({
        ctx: {
          region,
          allow: opts.allow ?? EMPTY_ALLOWLIST,
          secrets: { env: opts.secrets?.env ?? {}, file: await workspaceSecrets(probe) },
          maxBodyBytes: opts.maxBodyBytes,
          now,
          signal: abort.signal,
        },
        input: { probe, attempt },
      }),
    onSample: (sample) => {
      // a run cut short by shutdown is not evidence of an outage
      if (abort.signal.aborted) return;
      const ws = sample.probe_id ? workspaceOf.get(sample.probe_id) : undefined;
      if (ws) sink.add(ws, { ...sample, region });
    },
  });
  let stopped = false;
  let timer: unknown = null;

  /** The secrets of the probe's own workspace, read per run (a changed secret applies at once). */
  async function workspaceSecrets(probe: { id: string }): Promise<Record<string, string>> {
    const ws = workspaceOf.get(probe.id);
    if (!ws || !opts.secretsFor || !JSON.stringify(probe).includes("${secret:")) return {};
    try {
      return await opts.secretsFor(ws);
    } catch (err) {
      opts.onError?.(err);
      return {};
    }
  }

  async function refresh(): Promise<number> {
    if (stopped) return 0;
    const set = await loadServerProbeSet(opts.db, region);
    if (stopped) return 0;
    // old entries stay (a run in flight may still report); samples of deleted probes are dropped on write
    for (const [id, ws] of set.workspaceOf) workspaceOf.set(id, ws);
    scheduler.setProbes(set.probes);
    return set.probes.length;
  }
  function arm(): void {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      refresh()
        .catch((err) => opts.onError?.(err))
        .finally(arm);
    }, refreshMs);
  }

  await refresh();
  scheduler.start();
  arm();
  return {
    refresh,
    flush: () => sink.flush(),
    stats: () => ({
      probes: scheduler.stats().probes,
      completed: scheduler.stats().completed,
      stored: sink.stored(),
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      abort.abort(new Error("server stopping"));
      await scheduler.stop();
      await sink.close();
    },
  };
}
