import type { CompiledCalendar } from "./business-calendar.js";
import type { SlaTarget } from "./sla-policy.js";

export type MetricStatus = "running" | "paused" | "met" | "breached";

/** A clock measured at `now`, in epoch ms (NaN = not reached / unknown). Reused: filled by measureClock. */
export class ClockMeasure {
  state: MetricStatus = "running";
  total = 0;
  elapsed = 0;
  due = Number.NaN;
  breached = false;
  /** Instants the clock crosses 50, 75 and 100 % of its target. */
  at50 = Number.NaN;
  at75 = Number.NaN;
  at100 = Number.NaN;

  copyFrom(m: ClockMeasure): void {
    this.state = m.state;
    this.total = m.total;
    this.elapsed = m.elapsed;
    this.due = m.due;
    this.breached = m.breached;
    this.at50 = m.at50;
    this.at75 = m.at75;
    this.at100 = m.at100;
  }
}

/** The running spans of one metric cycle: closed segments, plus an open one while the clock runs. */
export class MetricClock<Frozen = unknown> {
  startedAt = Number.NaN;
  /** Start of the open segment, NaN when not running. */
  openStart = Number.NaN;
  /** Closed segments [segStarts[i], segEnds[i]) for i < segCount (typed arrays, reused across replays). */
  segStarts = new Float64Array(4);
  segEnds = new Float64Array(4);
  segCount = 0;
  stopped = false;
  stoppedAt = Number.NaN;
  /** Targets that apply once stopped (a later severity change does not re-judge it). */
  frozen: Frozen | null = null;
  breaches = 0;
  /** The measure taken when the clock stopped; while it stays stopped its measure no longer depends on now. */
  readonly atStop = new ClockMeasure();
  atStopValid = false;

  get active(): boolean {
    return !Number.isNaN(this.startedAt);
  }

  get running(): boolean {
    return !Number.isNaN(this.openStart);
  }

  /** Back to a clock that never started (replays reuse their clocks). */
  reset(): void {
    this.startedAt = Number.NaN;
    this.openStart = Number.NaN;
    this.segCount = 0;
    this.stopped = false;
    this.stoppedAt = Number.NaN;
    this.frozen = null;
    this.breaches = 0;
    this.atStopValid = false;
  }

  start(at: number): void {
    this.startedAt = at;
    this.openStart = at;
    this.segCount = 0;
    this.stopped = false;
    this.stoppedAt = Number.NaN;
    this.frozen = null;
    this.atStopValid = false;
  }

  pause(at: number): void {
    if (!this.running) return;
    const n = this.segCount;
    if (n === this.segStarts.length) {
      this.segStarts = grow(this.segStarts);
      this.segEnds = grow(this.segEnds);
    }
    this.segStarts[n] = this.openStart;
    this.segEnds[n] = at;
    this.segCount = n + 1;
    this.openStart = Number.NaN;
  }

  resume(at: number): void {
    if (this.running || this.stopped || !this.active) return;
    this.openStart = at;
  }

  stop(at: number, frozen: Frozen): void {
    if (!this.active || this.stopped) return;
    this.pause(at);
    this.stopped = true;
    this.stoppedAt = at;
    this.frozen = frozen;
  }

  /** Reopens a stopped clock: counting resumes where it stopped, from `at`. */
  reopen(at: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stoppedAt = Number.NaN;
    this.frozen = null;
    this.atStopValid = false;
    this.openStart = at;
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** Target length in business ms for a clock started at `start` (business days → minutes at start). */
export function targetMs(cal: CompiledCalendar, target: SlaTarget, start: number): number {
  if (target.minutes != null) return target.minutes * 60_000;
  const from = cal.nextOpenMs(start);
  return cal.cumAt(cal.addBusinessDaysMs(from, target.business_days ?? 0)) - cal.cumAt(from);
}

/**
 * Measures a clock at `now` against a target of `total` business ms: elapsed, due, breach and the
 * 50/75/100% crossings (projected while running). Writes into `out`; allocates nothing.
 */
export function measureClock(
  clock: MetricClock,
  cal: CompiledCalendar,
  total: number,
  now: number,
  out: ClockMeasure,
): ClockMeasure {
  const need50 = total * 0.5;
  const need75 = total * 0.75;
  let at50 = Number.NaN;
  let at75 = Number.NaN;
  let at100 = Number.NaN;
  let acc = 0;
  let lastCa = Number.NaN;
  let lastStart = Number.NaN;
  let accBeforeLast = 0;
  const n = clock.segCount;
  const starts = clock.segStarts;
  const ends = clock.segEnds;
  for (let i = 0; i < n; i++) {
    const a = starts[i];
    const ca = cal.cumAt(a);
    const d = cal.cumAt(ends[i]) - ca;
    if (Number.isNaN(at50) && need50 - acc <= d) at50 = crossing(cal, a, ca, need50 - acc);
    if (Number.isNaN(at75) && need75 - acc <= d) at75 = crossing(cal, a, ca, need75 - acc);
    if (Number.isNaN(at100) && total - acc <= d) at100 = crossing(cal, a, ca, total - acc);
    lastCa = ca;
    lastStart = a;
    accBeforeLast = acc;
    acc += d;
  }
  let elapsed = acc;
  let due = at100;
  if (!Number.isNaN(clock.openStart)) {
    // running: project the crossings not yet reached onto the open segment
    const a = clock.openStart;
    const ca = cal.cumAt(a);
    elapsed = acc + cal.cumAt(now) - ca;
    if (Number.isNaN(at50)) at50 = crossing(cal, a, ca, need50 - acc);
    if (Number.isNaN(at75)) at75 = crossing(cal, a, ca, need75 - acc);
    if (Number.isNaN(at100)) at100 = crossing(cal, a, ca, total - acc);
    due = at100;
  } else if (clock.stopped && Number.isNaN(due) && n > 0) {
    // met early: the due instant as it stood while the last span was running
    due = crossing(cal, lastStart, lastCa, total - accBeforeLast);
  }
  const end = clock.stopped ? clock.stoppedAt : now;
  const breached = !Number.isNaN(due) && end > due;
  out.state = breached
    ? "breached"
    : clock.stopped
      ? "met"
      : !Number.isNaN(clock.openStart)
        ? "running"
        : "paused";
  out.total = total;
  out.elapsed = elapsed;
  out.due = due;
  out.breached = breached;
  out.at50 = at50;
  out.at75 = at75;
  out.at100 = at100;
  return out;
}

/** The instant `need` business ms after `a` (whose business reading is `ca`); `a` itself when need <= 0. */
function crossing(cal: CompiledCalendar, a: number, ca: number, need: number): number {
  return need <= 0 ? a : cal.instantAtCum(ca + need);
}
