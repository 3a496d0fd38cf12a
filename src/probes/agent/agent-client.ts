import { ProbeDefinition } from "../probe-definition.js";
import { runProbe } from "../run-probe.js";
import type { ProbeSample } from "../sample.js";
import { ProbeScheduler } from "../scheduler.js";
import type { SecretSource } from "../secrets.js";
import { type Allowlist, EMPTY_ALLOWLIST } from "../ssrf-guard.js";
import { SIGNATURE_HEADER, signBatchBody } from "../storage/ingest-batch.js";
import { DiskBuffer, newBatchId } from "./disk-buffer.js";

export interface AgentOptions {
  /** Server base URL, e.g. `https://termsight.example.com`. */
  server: string;
  token: string;
  region: string;
  /** Folder for batches not yet acknowledged (kept across restarts). */
  bufferDir: string;
  /** The operator's allowlist for probe targets (the SSRF guard applies to every probe). */
  allow?: Allowlist;
  secrets?: SecretSource;
  concurrency?: number;
  /** How often samples are batched and pending batches sent (default 5 s). */
  flushIntervalMs?: number;
  /** How often the probe set is fetched again (default 60 s). */
  refreshIntervalMs?: number;
  /** Samples per batch at most (default 500). */
  batchMaxSamples?: number;
  fetch?: typeof fetch;
  /** Phase randomness for the scheduler (tests pass `() => 0` to run every probe at once). */
  random?: () => number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface AgentStats {
  probes: number;
  samples: number;
  batchesSent: number;
  duplicates: number;
  pending: number;
  lastError: string | null;
}

export interface RunningAgent {
  /** Batches pending samples and sends every buffered batch; resolves when done or the server is unreachable. */
  flush(): Promise<void>;
  /** Re-fetches the probe set. */
  refresh(): Promise<void>;
  stats(): AgentStats;
  /** Stops probing, writes remaining samples to the buffer and tries one last send. */
  stop(): Promise<void>;
}

/**
 * A probe agent: fetches its region's probe set, runs it with the scheduler, and pushes signed
 * batches. Every batch is on disk before it is sent and removed only once the server acknowledged
 * it; resends reuse the batch id, so the server stores each batch once (nothing lost, nothing doubled).
 */
export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const base = opts.server.replace(/\/+$/, "");
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const buffer = new DiskBuffer(opts.bufferDir);
  await buffer.init();
  const stats: AgentStats = {
    probes: 0,
    samples: 0,
    batchesSent: 0,
    duplicates: 0,
    pending: 0,
    lastError: null,
  };
  let pending: ProbeSample[] = [];
  const auth = { authorization: `Bearer ${opts.token}` };

  const scheduler = new ProbeScheduler({
    concurrency: opts.concurrency ?? 100,
    random: opts.random,
    run: (probe, attempt) =>
      runProbe({
        ctx: { region: opts.region, allow: opts.allow ?? EMPTY_ALLOWLIST, secrets: opts.secrets, now },
        input: { probe, attempt },
      }),
    onSample: (sample) => {
      pending.push(sample);
      stats.samples++;
      if (pending.length >= (opts.batchMaxSamples ?? 500)) flushQuietly();
    },
  });

  async function refresh(): Promise<void> {
    try {
      const res = await doFetch(`${base}/api/v1/agent/probes?region=${encodeURIComponent(opts.region)}`, {
        headers: auth,
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`server answered ${res.status} for the probe set`);
      const body = (await res.json()) as { probes: unknown[] };
      const probes: ProbeDefinition[] = [];
      for (const raw of body.probes ?? []) {
        const parsed = ProbeDefinition.safeParse(raw);
        if (parsed.success) probes.push(parsed.data);
        else
          log(`agent: skipping an invalid probe from the server (${parsed.error.issues[0]?.path.join(".")})`);
      }
      scheduler.setProbes(probes);
      stats.probes = probes.length;
    } catch (err) {
      stats.lastError = `probe set: ${(err as Error).message}`;
      log(`agent: could not fetch the probe set (${(err as Error).message}); keeping the previous one`);
    }
  }

  /** Sends one buffered batch; true when acknowledged (or set aside as malformed). */
  async function send(id: string): Promise<boolean> {
    const batch = await buffer.read(id);
    if (!batch) {
      await buffer.remove(id);
      return true;
    }
    const body = JSON.stringify({
      batch_id: batch.batch_id,
      sent_at: now().toISOString(),
      region: batch.region,
      samples: batch.samples,
    });
    const res = await doFetch(`${base}/api/v1/agent/batches`, {
      method: "POST",
      headers: {
        ...auth,
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signBatchBody(body, opts.token),
      },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    if (res.ok) {
      const ack = (await res.json().catch(() => ({}))) as { duplicate?: boolean };
      if (ack.duplicate) stats.duplicates++;
      else stats.batchesSent++;
      await buffer.remove(id);
      return true;
    }
    if (res.status === 400 || res.status === 413) {
      log(`agent: server refused batch ${id} as malformed (${res.status}); moved to rejected/`);
      await buffer.reject(id);
      return true;
    }
    throw new Error(`server answered ${res.status}`);
  }

  async function sendAll(): Promise<void> {
    for (const id of await buffer.list()) {
      try {
        await send(id);
      } catch (err) {
        stats.lastError = `send: ${(err as Error).message}`;
        log(`agent: server unreachable (${(err as Error).message}); batches stay buffered`);
        break;
      }
    }
    stats.pending = (await buffer.list()).length;
  }

  /** Moves pending samples into buffered batches, then sends every buffered batch in order. */
  async function flushOnce(): Promise<void> {
    const max = opts.batchMaxSamples ?? 500;
    while (pending.length > 0) {
      const samples = pending.slice(0, max);
      pending = pending.slice(max);
      await buffer.put({
        batch_id: newBatchId(now()),
        region: opts.region,
        created_at: now().toISOString(),
        samples,
      });
    }
    await sendAll();
  }

  // flushes run one after another: batches stay in order and a file is never sent twice at once
  let chain: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    const run = chain.then(flushOnce, flushOnce);
    chain = run.catch(() => {});
    return run;
  }

  function flushQuietly(): void {
    flush().catch((err: Error) => {
      stats.lastError = `buffer: ${err.message}`;
      log(`agent: could not write the buffer (${err.message})`);
    });
  }

  await refresh();
  scheduler.start();
  await flush();
  const flushTimer = setInterval(flushQuietly, opts.flushIntervalMs ?? 5000);
  const refreshTimer = setInterval(() => void refresh(), opts.refreshIntervalMs ?? 60_000);

  return {
    flush,
    refresh,
    stats: () => ({ ...stats, pending: stats.pending }),
    async stop() {
      clearInterval(flushTimer);
      clearInterval(refreshTimer);
      await scheduler.stop();
      await flush();
    },
  };
}
