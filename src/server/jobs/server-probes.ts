import type { Kysely } from "kysely";
import { phaseOfKey, type SlotClaim, type SlotLeases } from "../../jobs/index.js";
import {
  type Allowlist,
  EMPTY_ALLOWLIST,
  type ProbeDefinition,
  type ProbeSample,
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
  /**
   * Several servers on one PostgreSQL: rounds are leased per (probe, region, slot) so each runs on
   * exactly one of them (started by the caller; see src/jobs/slot-leases.ts). Rounds then fall on
   * a grid fixed per probe (its phase from its id), the same on every server.
   */
  leases?: SlotLeases;
  /** How long a server that is not a round's first choice waits before claiming it (default interval/3, ≤ 5 s). */
  claimGraceMs?: number;
  /** How often leases of dead servers are looked for (default 10 s). */
  takeoverMs?: number;
  onError?: (err: unknown) => void;
}

export interface ServerProbesStats {
  probes: number;
  completed: number;
  stored: number;
  /** Rounds left to another server (leases only). */
  declined: number;
  /** Rounds taken over from a server whose lease ran out (leases only). */
  takenOver: number;
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
  const leases = opts.leases;
  const sink = createSampleSink({
    db: opts.db,
    clock,
    now,
    flushMs: opts.flushMs,
    leases,
    onError: opts.onError,
  });
  const workspaceOf = new Map<string, string>();
  const probeById = new Map<string, ProbeDefinition>();
  let takenOver = 0;
  const run = async (probe: ProbeDefinition, attempt: number) =>
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
    });
  const store = (sample: ProbeSample, claim: SlotClaim | undefined) => {
    // a run cut short by shutdown is not evidence of an outage (a leased round is given back)
    if (abort.signal.aborted) return;
    const ws = sample.probe_id ? workspaceOf.get(sample.probe_id) : undefined;
    if (ws) sink.add(ws, { ...sample, region }, claim);
  };
  // a lease outlives the probe's longest run, so a live holder never loses a round it is running
  const leaseMs = (probe: ProbeDefinition) => Math.max(30_000, probe.timeout_ms + 15_000);
  const graceMs = (probe: ProbeDefinition) =>
    opts.claimGraceMs ?? Math.min(5000, (probe.interval_s * 1000) / 3);
  const scheduler = new ProbeScheduler({
    clock,
    random: opts.random,
    concurrency: opts.concurrency,
    phaseOf: leases ? (probe) => phaseOfKey(probe.id, probe.interval_s * 1000) : undefined,
    claim: leases
      ? async (probe, slotAt) => {
          if (!leases.isFirstChoice(probe.id)) {
            // the first-choice server normally has it by now; if it died, this claim keeps the round
            await new Promise<void>((r) => clock.setTimeout(r, graceMs(probe)));
            if (abort.signal.aborted) return false;
          }
          return leases.claim({ key: probe.id, slot: new Date(slotAt) }, leaseMs(probe));
        }
      : undefined,
    run: (probe, attempt) => run(probe, attempt),
    onSample: (sample, info) =>
      store(
        sample,
        leases && sample.probe_id ? { key: sample.probe_id, slot: new Date(info.slotAt) } : undefined,
      ),
  });
  let stopped = false;
  let timer: unknown = null;
  let takeoverTimer: unknown = null;
  const takeovers = new Set<Promise<void>>();

  /** Runs the rounds whose holder died (their lease ran out), each once, late but never lost. */
  async function takeOver(): Promise<void> {
    if (!leases || stopped) return;
    const probes = new Map([...probeById.values()].map((p) => [p.id, p]));
    const claims = await leases.takeOver(
      30_000 + Math.max(0, ...[...probes.values()].map((p) => p.timeout_ms)),
    );
    for (const claim of claims) {
      const probe = probes.get(claim.key);
      const ws = workspaceOf.get(claim.key);
      if (!probe || !ws) {
        // deleted or moved away meanwhile: close the claim so it is not taken over again
        await opts.db.transaction().execute((trx) => leases.markDone(trx, [claim]));
        continue;
      }
      takenOver++;
      const one = run(probe, 1)
        .then((sample) => store(sample, claim))
        .catch((err) => opts.onError?.(err))
        .finally(() => takeovers.delete(one));
      takeovers.add(one);
    }
  }
  function armTakeover(): void {
    if (!leases || stopped) return;
    takeoverTimer = clock.setTimeout(() => {
      takeOver()
        .catch((err) => opts.onError?.(err))
        .finally(armTakeover);
    }, opts.takeoverMs ?? 10_000);
  }

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
    probeById.clear();
    for (const probe of set.probes) probeById.set(probe.id, probe);
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
  armTakeover();
  return {
    refresh,
    flush: () => sink.flush(),
    stats: () => ({
      probes: scheduler.stats().probes,
      completed: scheduler.stats().completed,
      stored: sink.stored(),
      declined: scheduler.stats().declined,
      takenOver,
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      if (takeoverTimer !== null) clock.clearTimeout(takeoverTimer);
      timer = null;
      abort.abort(new Error("server stopping"));
      await scheduler.stop();
      await Promise.allSettled([...takeovers]);
      await sink.close();
      // rounds claimed here but not stored (cut short) go to another server at once
      await leases?.releaseOpen().catch((err) => opts.onError?.(err));
    },
  };
}
