import { MinHeap } from "./min-heap.js";
import type { ProbeDefinition } from "./probe-definition.js";
import { emptyMetrics, emptyTimings, type ProbeSample } from "./sample.js";
import { redactUrl } from "./secrets.js";

/** Time source and timers, injectable for tests (milliseconds, epoch or monotonic: only differences matter). */
export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface RunInfo {
  /** When the run was due (ms on the scheduler clock). */
  dueAt: number;
  startedAt: number;
  /** startedAt − dueAt: timer lateness plus waiting for a concurrency slot. */
  driftMs: number;
  attempt: number;
  /** The grid point (without jitter) of the round this run belongs to; retries keep their round's. */
  slotAt: number;
}

export interface SchedulerOptions {
  /** Runs one probe (usually `runProbe` with the caller's context). Must not throw; a throw becomes a failed sample. */
  run(probe: ProbeDefinition, attempt: number, slotAt: number): Promise<ProbeSample>;
  /**
   * Several servers: asked before a round's first attempt, outside the concurrency limit (it may
   * wait); false = another server runs this round, so it is not run here. A throw counts as false.
   */
  claim?: (probe: ProbeDefinition, slotAt: number) => Promise<boolean>;
  onSample(sample: ProbeSample, info: RunInfo): void;
  /** Probes running at once across the process (default 100). */
  concurrency?: number;
  /** Delay before a retry (default 2 s). A retry never replaces the failed sample: both are reported. */
  retryDelayMs?: number;
  clock?: SchedulerClock;
  random?: () => number;
  /**
   * The probe's phase within its interval (ms, 0 ≤ phase < interval): rounds fall on the grid
   * phase + k·interval of the clock (epoch), the same on every server, so a round has one id
   * everywhere. Without it, a new probe starts at a random phase.
   */
  phaseOf?: (probe: ProbeDefinition) => number;
}

interface Entry {
  probe: ProbeDefinition;
  /** The undisturbed grid point of the next scheduled run (jitter is added on top, so it never accumulates). */
  base: number;
  running: boolean;
  generation: number;
}

interface Due {
  id: string;
  generation: number;
  attempt: number;
  dueAt: number;
  slotAt: number;
}

export interface SchedulerStats {
  probes: number;
  running: number;
  queued: number;
  completed: number;
  /** Scheduled runs skipped because the previous run of the same probe was still going. */
  skipped: number;
  /** Rounds `run` declined (another server held them). */
  declined: number;
}

/**
 * Runs thousands of probes per process: one timer for the earliest due run (a min-heap of due
 * times), per-probe interval and jitter, a global concurrency limit, and retries that report every
 * attempt (the first failure is always recorded).
 */
export class ProbeScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly heap = new MinHeap<Due>();
  private readonly queue: Due[] = [];
  private queueHead = 0;
  private timer: unknown = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private running = 0;
  private completed = 0;
  private skipped = 0;
  private declined = 0;
  private claiming = 0;
  private started = false;
  private readonly idle: (() => void)[] = [];
  private readonly clock: SchedulerClock;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly retryDelayMs: number;

  constructor(private readonly opts: SchedulerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.concurrency = Math.max(1, opts.concurrency ?? 100);
    this.retryDelayMs = opts.retryDelayMs ?? 2000;
  }

  /** Replaces the probe set: new probes start at a random phase within their interval; unchanged ones keep their phase. */
  setProbes(probes: readonly ProbeDefinition[]): void {
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const probe of probes) {
      if (!probe.enabled) continue;
      seen.add(probe.id);
      const existing = this.entries.get(probe.id);
      if (existing && existing.probe.interval_s === probe.interval_s) {
        existing.probe = probe;
        continue;
      }
      const generation = (existing?.generation ?? 0) + 1;
      const iv = probe.interval_s * 1000;
      const base = this.opts.phaseOf
        ? now + ((((this.opts.phaseOf(probe) - now) % iv) + iv) % iv)
        : now + this.random() * iv;
      this.entries.set(probe.id, { probe, base, running: existing?.running ?? false, generation });
      this.pushDue(probe.id, generation, 1, base + this.jitter(probe), base);
    }
    for (const id of [...this.entries.keys()]) if (!seen.has(id)) this.entries.delete(id);
    this.arm();
  }

  start(): void {
    this.started = true;
    this.arm();
  }

  /** Stops scheduling and resolves once the runs in flight have finished. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    this.queue.length = 0;
    this.queueHead = 0;
    if (this.running > 0 || this.claiming > 0) await new Promise<void>((r) => this.idle.push(r));
  }

  stats(): SchedulerStats {
    return {
      probes: this.entries.size,
      running: this.running,
      queued: this.queue.length - this.queueHead,
      completed: this.completed,
      skipped: this.skipped,
      declined: this.declined,
    };
  }

  private jitter(probe: ProbeDefinition): number {
    return probe.jitter_s > 0 ? this.random() * probe.jitter_s * 1000 : 0;
  }

  private pushDue(id: string, generation: number, attempt: number, dueAt: number, slotAt: number): void {
    this.heap.push(dueAt, { id, generation, attempt, dueAt, slotAt });
  }

  private arm(): void {
    if (!this.started) return;
    const next = this.heap.peekKey();
    if (next === undefined || next >= this.timerAt) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = this.clock.setTimeout(() => this.tick(), Math.max(0, next - this.clock.now()));
  }

  private tick(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    if (!this.started) return;
    const now = this.clock.now();
    while ((this.heap.peekKey() ?? Number.POSITIVE_INFINITY) <= now) {
      const due = this.heap.pop()?.value as Due;
      const entry = this.entries.get(due.id);
      if (!entry || entry.generation !== due.generation) continue;
      if (due.attempt === 1) {
        // schedule the next grid point now, so a slow run never shifts the grid
        entry.base += entry.probe.interval_s * 1000;
        while (entry.base + entry.probe.interval_s * 1000 <= now) entry.base += entry.probe.interval_s * 1000;
        this.pushDue(due.id, due.generation, 1, entry.base + this.jitter(entry.probe), entry.base);
        if (entry.running) {
          this.skipped++;
          continue;
        }
      }
      entry.running = true;
      if (due.attempt === 1 && this.opts.claim) this.gate(entry.probe, due, this.opts.claim);
      else this.queue.push(due);
    }
    this.drain();
    this.arm();
  }

  private drain(): void {
    while (this.running < this.concurrency && this.queueHead < this.queue.length) {
      const due = this.queue[this.queueHead++];
      const entry = this.entries.get(due.id);
      if (!entry || entry.generation !== due.generation) continue;
      this.launch(entry, due);
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  private launch(entry: Entry, due: Due): void {
    this.running++;
    const startedAt = this.clock.now();
    const info: RunInfo = {
      dueAt: due.dueAt,
      startedAt,
      driftMs: startedAt - due.dueAt,
      attempt: due.attempt,
      slotAt: due.slotAt,
    };
    const probe = entry.probe;
    this.opts
      .run(probe, due.attempt, due.slotAt)
      .catch((err: unknown) => failedSample(probe, due.attempt, err))
      .then((sample) => {
        this.running--;
        this.completed++;
        const current = this.entries.get(due.id);
        const retry =
          !sample.ok &&
          !sample.blocked &&
          due.attempt <= probe.retries &&
          current?.generation === due.generation;
        if (current && current.generation === due.generation) current.running = retry;
        try {
          this.opts.onSample(sample, info);
        } catch {
          // a failing consumer must not stop the scheduler
        }
        if (retry && this.started) {
          this.pushDue(
            due.id,
            due.generation,
            due.attempt + 1,
            this.clock.now() + this.retryDelayMs,
            due.slotAt,
          );
          this.arm();
        }
        this.drain();
        this.settleIdle();
      });
  }

  private settleIdle(): void {
    if (this.running === 0 && this.claiming === 0) for (const r of this.idle.splice(0)) r();
  }

  /** Asks `claim` for a round's first attempt; queues the run only if this server won it. */
  private gate(probe: ProbeDefinition, due: Due, claim: NonNullable<SchedulerOptions["claim"]>): void {
    this.claiming++;
    claim(probe, due.slotAt)
      .catch(() => false)
      .then((won) => {
        this.claiming--;
        const entry = this.entries.get(due.id);
        const current = entry !== undefined && entry.generation === due.generation;
        if (!won) this.declined++;
        if (won && current && this.started) {
          this.queue.push(due);
          this.drain();
        } else if (current) entry.running = false;
        this.settleIdle();
      });
  }
}

function failedSample(probe: ProbeDefinition, attempt: number, err: unknown): ProbeSample {
  return {
    probe_id: probe.id,
    url: redactUrl(probe.url),
    kind: probe.kind,
    region: null,
    at: new Date().toISOString(),
    ok: false,
    degraded: false,
    blocked: false,
    attempt,
    status: null,
    error: `probe crashed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    timings_ms: emptyTimings(),
    metrics: emptyMetrics(),
  };
}
