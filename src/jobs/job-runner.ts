import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "kysely";
import PgBoss from "pg-boss";
import type { Store } from "../store/index.js";
import { slotAfter, slotAtOrBefore, slotsBetween, validateJob } from "./cron-slots.js";
import type { JobRunContext, RecurringJob } from "./job-definition.js";
import { kyselyExecutor } from "./sql-executor.js";

export interface JobRunnerOptions {
  store: Store;
  jobs: readonly RecurringJob[];
  /** This server's id in job_servers and in logs (default host:pid:random). */
  serverId?: string;
  now?: () => Date;
  /** How often this server looks for due slots (default 15 s). */
  tickMs?: number;
  /** How often pg-boss polls for work (seconds, at least 0.5; default 2). */
  pollSeconds?: number;
  /** Retries after a failed run (default 3), first after `retryDelaySeconds` (default 10), doubling. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A "record" job's slot older than this when first seen is recorded as missed (default 2 ticks + 30 s). */
  lateAfterMs?: number;
  onError?: (err: unknown) => void;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface JobRunner {
  serverId: string;
  /** pg-boss's schema (per store schema; tests drop it). */
  bossSchema: string;
  /** Enqueues the due slots now (also runs every tickMs); resolves with the number enqueued. */
  tick(): Promise<number>;
  /** Stops polling and enqueuing, waits for runs in flight; idempotent. */
  stop(): Promise<void>;
}

interface SlotData {
  scheduledFor: string;
}

/**
 * Servers starting at once on a fresh database can deadlock creating the same queue (pg-boss's
 * `create_queue`; seen with two replicas in bench:api). Creating a queue is idempotent, so the
 * loser of the deadlock tries again instead of taking its server down.
 */
async function createQueueRetrying(
  boss: PgBoss,
  name: string,
  options: Parameters<PgBoss["createQueue"]>[1],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, options);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "40P01" || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 25 * attempt + Math.random() * 100));
    }
  }
}

/**
 * Runs recurring jobs through pg-boss on the store's own database: on every server a tick finds
 * each job's due cron slots (in the job's time zone) and enqueues them in the same transaction that
 * advances job_schedules.last_slot, a row locked FOR UPDATE SKIP LOCKED, so each slot is enqueued
 * once however many servers tick; pg-boss hands each queued run to one worker (SKIP LOCKED),
 * retries a failure with exponential backoff and expires a run past its timeout so another server
 * retries it. Slots missed while no server ran are caught up per the job's `catchUp`, and the ones
 * not run are written to job_missed.
 */
export async function startJobRunner(opts: JobRunnerOptions): Promise<JobRunner> {
  for (const job of opts.jobs) validateJob(job);
  const names = new Set<string>();
  for (const job of opts.jobs) {
    if (names.has(job.name)) throw new Error(`job ${job.name} is listed twice`);
    names.add(job.name);
  }
  const db = opts.store.db;
  const now = opts.now ?? (() => new Date());
  const tickMs = opts.tickMs ?? 15_000;
  const lateAfterMs = opts.lateAfterMs ?? 2 * tickMs + 30_000;
  const serverId = opts.serverId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = opts.log ?? (() => {});
  const bossSchema = await bossSchemaOf(opts.store);
  const boss = new PgBoss({
    db: kyselyExecutor(db),
    schema: bossSchema,
    // cron is ours (time zones + catch-up); pg-boss's own maintenance (expiry, archive) stays on
    schedule: false,
    supervise: true,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on("error", (err) => opts.onError?.(err));
  await boss.start();
  const abort = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  for (const job of opts.jobs) {
    await createQueueRetrying(boss, job.name, {
      name: job.name,
      retryLimit: opts.retryLimit ?? 3,
      retryDelay: opts.retryDelaySeconds ?? 10,
      retryBackoff: true,
      expireInSeconds: Math.max(1, Math.ceil((job.timeoutMs ?? 10 * 60_000) / 1000)),
    });
    await boss.work<SlotData>(
      job.name,
      { pollingIntervalSeconds: Math.max(0.5, opts.pollSeconds ?? 2), batchSize: 1 },
      async ([queued]) => {
        const run = runOnce(job, new Date(queued.data.scheduledFor), queued.id);
        inFlight.add(run);
        try {
          await run;
        } finally {
          inFlight.delete(run);
        }
      },
    );
  }

  async function runOnce(job: RecurringJob, scheduledFor: Date, id: string): Promise<void> {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error(`job ${job.name} timed out`)),
      job.timeoutMs ?? 10 * 60_000,
    );
    const signal = AbortSignal.any([abort.signal, timeout.signal]);
    const ctx: JobRunContext = {
      store: opts.store,
      scheduledFor,
      now,
      signal,
      log: (message, details) => log(message, { job: job.name, scheduledFor, ...details }),
    };
    const started = performance.now();
    let outcome = "failed";
    try {
      log("job run", { job: job.name, scheduledFor, id, server: serverId });
      await job.run(ctx);
      outcome = "done";
    } catch (err) {
      opts.onError?.(err);
      throw err; // pg-boss records the failure and retries with backoff
    } finally {
      clearTimeout(timer);
      // How long a run took is what an operator looks for when requests slowed at the same time.
      log(`job ${outcome}`, { job: job.name, scheduledFor, id, ms: Math.round(performance.now() - started) });
    }
  }

  /**
   * Enqueues the job's due slots. `settled`: this server held the job's schedule row, so nothing is
   * due before the job's next slot; false when another server holds it right now.
   */
  async function enqueueDue(job: RecurringJob, at: Date): Promise<{ enqueued: number; settled: boolean }> {
    return db.transaction().execute(async (trx) => {
      const locked = await sql<{ last_slot: Date }>`select last_slot from job_schedules
        where name = ${job.name} for update skip locked`.execute(trx);
      let row = locked.rows[0];
      if (!row) {
        // A new job starts at its latest slot: it does not catch up from the beginning of time.
        const inserted = await sql<{ last_slot: Date }>`insert into job_schedules (name, last_slot)
          values (${job.name}, ${slotAtOrBefore(job, at) ?? at})
          on conflict (name) do nothing returning last_slot`.execute(trx);
        row = inserted.rows[0];
        if (!row) return { enqueued: 0, settled: false }; // another server is enqueuing this job right now
      }
      const due = slotsBetween(job, new Date(row.last_slot), at);
      if (due.length === 0) return { enqueued: 0, settled: true };
      const mode = job.catchUp ?? "latest";
      const run =
        mode === "all"
          ? due
          : mode === "latest"
            ? due.slice(-1)
            : due.filter((slot) => at.getTime() - slot.getTime() <= lateAfterMs);
      const missed = due.filter((slot) => !run.includes(slot));
      const executor = { executeSql: kyselyExecutor(trx).executeSql };
      for (const slot of run) {
        await boss.send(job.name, { scheduledFor: slot.toISOString() } satisfies SlotData, {
          singletonKey: `${job.name}@${slot.toISOString()}`,
          db: executor,
        } as PgBoss.SendOptions);
      }
      for (const slot of missed) {
        await sql`insert into job_missed (name, scheduled_for, reason)
          values (${job.name}, ${slot}, ${mode === "latest" ? "superseded by a later slot" : "no server was running"})
          on conflict do nothing`.execute(trx);
      }
      await sql`update job_schedules set last_slot = ${due[due.length - 1]}, updated_at = now()
        where name = ${job.name}`.execute(trx);
      if (missed.length > 0) log("job slots missed", { job: job.name, missed: missed.length });
      return { enqueued: run.length, settled: true };
    });
  }

  /**
   * Per job, the instant of its next slot, once a tick has enqueued everything due: until then the
   * job has nothing for a tick to do. Skipping spares a transaction and cron-parser's walk in the
   * job's time zone (1–4 ms each, measured) for 8 jobs every 15 s on every server.
   */
  const quietUntil = new Map<string, number>();
  let stopped = false;
  async function tick(): Promise<number> {
    if (stopped) return 0;
    let n = 0;
    const at = now();
    for (const job of opts.jobs) {
      if (at.getTime() < (quietUntil.get(job.name) ?? Number.NEGATIVE_INFINITY)) continue;
      try {
        const { enqueued, settled } = await enqueueDue(job, at);
        n += enqueued;
        if (settled) quietUntil.set(job.name, slotAfter(job, at)?.getTime() ?? Number.POSITIVE_INFINITY);
      } catch (err) {
        if (!stopped) opts.onError?.(err);
      }
    }
    return n;
  }
  let ticking: Promise<unknown> = tick();
  const timer = setInterval(() => {
    ticking = ticking.then(tick);
  }, tickMs);
  timer.unref();

  let stopping: Promise<void> | null = null;
  return {
    serverId,
    bossSchema,
    tick: () => {
      const next = ticking.then(tick);
      ticking = next;
      return next;
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        await ticking.catch(() => {});
        // stop fetching; runs in flight finish (their signal aborts) before the store closes
        abort.abort(new Error("server stopping"));
        await boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
        await Promise.allSettled([...inFlight]);
      })();
      return stopping;
    },
  };
}

/** pg-boss lives in its own schema beside the store's ("pgboss" for public, "<schema>_pgboss" otherwise). */
async function bossSchemaOf(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  const current = rows[0]?.schema ?? "public";
  return current === "public" ? "pgboss" : `${current}_pgboss`;
}
