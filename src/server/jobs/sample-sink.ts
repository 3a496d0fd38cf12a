import type { Kysely } from "kysely";
import type { SlotClaim, SlotLeases } from "../../jobs/index.js";
import { type ProbeSample, type SchedulerClock, storeSamples } from "../../probes/index.js";
import type { Database } from "../../store/index.js";

export interface SampleSink {
  /** `claim`: the leased round this sample is for; marked done in the transaction that stores it. */
  add(workspaceId: string, sample: ProbeSample, claim?: SlotClaim): void;
  /** Writes what is buffered now; resolves with the number of samples stored. */
  flush(): Promise<number>;
  /** Samples stored so far (dropped ones are not counted). */
  stored(): number;
  /** Stops the timer and writes what is left. */
  close(): Promise<number>;
}

/**
 * Buffers the server's own probe samples and stores them every `flushMs` (or at `maxBuffered`)
 * through `storeSamples`, exactly as agent batches are stored (raw rows + rollups), one transaction
 * per flush. Samples of probes deleted meanwhile are dropped; writes never overlap.
 */
export function createSampleSink(opts: {
  db: Kysely<Database>;
  clock: SchedulerClock;
  now: () => Date;
  flushMs?: number;
  maxBuffered?: number;
  /** Several servers: the round leases whose claims the stored samples complete. */
  leases?: SlotLeases;
  onError?: (err: unknown) => void;
}): SampleSink {
  const flushMs = opts.flushMs ?? 1000;
  const maxBuffered = opts.maxBuffered ?? 500;
  let pending = new Map<string, ProbeSample[]>();
  let claims: SlotClaim[] = [];
  let count = 0;
  let storedTotal = 0;
  let timer: unknown = null;
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function write(batch: Map<string, ProbeSample[]>, done: SlotClaim[]): Promise<number> {
    let n = 0;
    await opts.db.transaction().execute(async (trx) => {
      // a round whose probe was deleted meanwhile is done too: there is nothing left to run
      await opts.leases?.markDone(trx, done);
      for (const [workspaceId, samples] of batch) {
        const ids = [...new Set(samples.map((s) => s.probe_id).filter((x): x is string => x !== null))];
        if (ids.length === 0) continue;
        const known = new Set(
          (
            await trx
              .selectFrom("probes")
              .select("id")
              .where("workspace_id", "=", workspaceId)
              .where("id", "in", ids)
              .execute()
          ).map((r) => r.id),
        );
        const accepted = samples.filter((s) => s.probe_id !== null && known.has(s.probe_id));
        await storeSamples(trx, {
          workspaceId,
          agentId: null,
          batchId: null,
          receivedAt: opts.now(),
          skewFlagged: false,
          samples: accepted,
        });
        n += accepted.length;
      }
    });
    return n;
  }

  function flush(): Promise<number> {
    if (timer !== null) opts.clock.clearTimeout(timer);
    timer = null;
    const batch = pending;
    const done = claims;
    pending = new Map();
    claims = [];
    count = 0;
    const run = chain.then(async () => {
      if (batch.size === 0) return 0;
      try {
        const n = await write(batch, done);
        storedTotal += n;
        return n;
      } catch (err) {
        opts.onError?.(err);
        return 0;
      }
    });
    chain = run;
    return run;
  }

  return {
    add(workspaceId, sample, claim) {
      if (closed) return;
      if (claim) claims.push(claim);
      const list = pending.get(workspaceId) ?? [];
      list.push(sample);
      pending.set(workspaceId, list);
      count++;
      if (count >= maxBuffered) void flush();
      else if (timer === null) timer = opts.clock.setTimeout(() => void flush(), flushMs);
    },
    flush,
    stored: () => storedTotal,
    async close() {
      closed = true;
      return flush();
    },
  };
}
