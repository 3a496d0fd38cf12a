import type { CompiledCalendar } from "./business-calendar.js";
import type { SlaTarget } from "./sla-policy.js";

export type MetricStatus = "running" | "paused" | "met" | "breached";

export interface MetricState {
  state: MetricStatus;
  calendar: string;
  elapsed_minutes: number;
  target_minutes: number;
  target_business_days: number | null;
  started_at: string;
  due: string | null;
  breached_at: string | null;
  /** Breached cycles so far (next_response restarts after each customer reply; the others have one cycle). */
  breaches: number;
  warnings: { at_50: string | null; at_75: string | null; at_100: string | null };
}

const FRACTIONS = [0.5, 0.75, 1] as const;

/** The running spans of one metric cycle: closed segments, plus an open one while the clock runs. */
export class MetricClock {
  startedAt = Number.NaN;
  /** Start of the open segment, NaN when not running. */
  openStart = Number.NaN;
  segStarts: number[] = [];
  segEnds: number[] = [];
  stopped = false;
  stoppedAt = Number.NaN;
  /** Severity whose target applies once stopped (a later severity change does not re-judge it). */
  frozenSeverity: string | null = null;
  breaches = 0;

  get active(): boolean {
    return !Number.isNaN(this.startedAt);
  }

  get running(): boolean {
    return !Number.isNaN(this.openStart);
  }

  start(at: number): void {
    this.startedAt = at;
    this.openStart = at;
    if (this.segStarts.length > 0) {
      this.segStarts = [];
      this.segEnds = [];
    }
    this.stopped = false;
    this.stoppedAt = Number.NaN;
    this.frozenSeverity = null;
  }

  pause(at: number): void {
    if (!this.running) return;
    this.segStarts.push(this.openStart);
    this.segEnds.push(at);
    this.openStart = Number.NaN;
  }

  resume(at: number): void {
    if (this.running || this.stopped || !this.active) return;
    this.openStart = at;
  }

  stop(at: number, severity: string): void {
    if (!this.active || this.stopped) return;
    this.pause(at);
    this.stopped = true;
    this.stoppedAt = at;
    this.frozenSeverity = severity;
  }

  /** Reopens a stopped clock: counting resumes where it stopped, from `at`. */
  reopen(at: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stoppedAt = Number.NaN;
    this.frozenSeverity = null;
    this.openStart = at;
  }
}

/** Target length in business ms for a clock started at `start` (business days → minutes at start). */
export function targetMs(cal: CompiledCalendar, target: SlaTarget, start: number): number {
  if (target.minutes != null) return target.minutes * 60_000;
  const from = cal.nextOpenMs(start);
  return cal.cumAt(cal.addBusinessDaysMs(from, target.business_days ?? 0)) - cal.cumAt(from);
}

/** A clock measured at `now`, in epoch ms (NaN = not reached / unknown). */
export interface ClockMeasure {
  state: MetricStatus;
  total: number;
  elapsed: number;
  due: number;
  breached: boolean;
  cross: [number, number, number];
}

/** Measures a clock at `now`: elapsed, due, breach and the 50/75/100% crossings (projected while running). */
export function measureClock(
  clock: MetricClock,
  cal: CompiledCalendar,
  target: SlaTarget,
  now: number,
): ClockMeasure {
  const total = targetMs(cal, target, clock.startedAt);
  const cross: [number, number, number] = [Number.NaN, Number.NaN, Number.NaN];
  let acc = 0;
  let lastCa = Number.NaN;
  let lastStart = Number.NaN;
  let accBeforeLast = 0;
  const n = clock.segStarts.length;
  for (let i = 0; i < n; i++) {
    const a = clock.segStarts[i];
    const ca = cal.cumAt(a);
    const d = cal.cumAt(clock.segEnds[i]) - ca;
    for (let k = 0; k < 3; k++) {
      const need = total * FRACTIONS[k] - acc;
      if (Number.isNaN(cross[k]) && need <= d) cross[k] = need <= 0 ? a : cal.instantAtCum(ca + need);
    }
    lastCa = ca;
    lastStart = a;
    accBeforeLast = acc;
    acc += d;
  }
  let elapsed = acc;
  let due = cross[2];
  if (clock.running) {
    const a = clock.openStart;
    const ca = cal.cumAt(a);
    elapsed = acc + cal.cumAt(now) - ca;
    for (let k = 0; k < 3; k++) {
      const need = total * FRACTIONS[k] - acc;
      if (Number.isNaN(cross[k])) cross[k] = need <= 0 ? a : cal.instantAtCum(ca + need);
    }
    due = cross[2];
  } else if (clock.stopped && Number.isNaN(due) && n > 0) {
    // met early: the due instant as it stood while the last span was running
    const need = total - accBeforeLast;
    due = need <= 0 ? lastStart : cal.instantAtCum(lastCa + need);
  }
  const end = clock.stopped ? clock.stoppedAt : now;
  const breached = !Number.isNaN(due) && end > due;
  const state: MetricStatus = breached
    ? "breached"
    : clock.stopped
      ? "met"
      : clock.running
        ? "running"
        : "paused";
  return { state, total, elapsed, due, breached, cross };
}

/** The reported state of a clock at `now`, instants formatted in the calendar's offset. */
export function evaluateClock(
  clock: MetricClock,
  cal: CompiledCalendar,
  target: SlaTarget,
  now: number,
): MetricState {
  const { state, total, elapsed, due, breached, cross } = measureClock(clock, cal, target, now);
  const dueText = isoOrNull(cal, due);
  return {
    state,
    calendar: cal.name,
    elapsed_minutes: Math.floor(elapsed / 60_000),
    target_minutes: Math.floor(total / 60_000),
    target_business_days: target.business_days,
    started_at: cal.formatMs(clock.startedAt),
    due: dueText,
    breached_at: breached ? dueText : null,
    breaches: clock.breaches + (breached ? 1 : 0),
    warnings: {
      at_50: isoOrNull(cal, cross[0]),
      at_75: isoOrNull(cal, cross[1]),
      at_100: cross[2] === due ? dueText : isoOrNull(cal, cross[2]),
    },
  };
}

function isoOrNull(cal: CompiledCalendar, ms: number): string | null {
  return Number.isNaN(ms) ? null : cal.formatMs(ms);
}
