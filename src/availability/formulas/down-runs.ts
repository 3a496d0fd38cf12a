import { type Bucket, countedMinutes } from "../buckets.js";
import type { DownSlot, FormulaInput, FormulaOutcome } from "./formula-kind.js";

export interface DownRule {
  /** Whether a slot with this many requests and failures is down (called only at ≥ min_requests). */
  isDown(requests: number, failures: number): boolean;
  min_requests: number;
  /** Runs of consecutive down slots shorter than this many minutes are not counted. */
  min_run_minutes: number;
}

/**
 * The time/slot engine: slots are down by the rule, consecutive down slots form runs, short runs
 * are dropped, and availability is 1 − down minutes / (total − excluded maintenance).
 * Slots with no observation count as up: the buyer has no evidence for them.
 */
export function computeDownRuns(input: FormulaInput, buckets: Bucket[], rule: DownRule): FormulaOutcome {
  const eligible = input.period.minutes - input.excluded_minutes;
  let requests = 0;
  let failures = 0;
  let belowMin = 0;
  let shortRuns = 0;
  const slots: DownSlot[] = [];
  let run: Bucket[] = [];
  const closeRun = () => {
    if (run.length === 0) return;
    const minutes = run.reduce((s, b) => s + countedMinutes(b), 0);
    if (minutes + 1e-9 >= rule.min_run_minutes) {
      for (const b of run) slots.push(toDownSlot(b));
    } else shortRuns += 1;
    run = [];
  };
  for (const b of buckets) {
    requests += b.requests;
    failures += b.failures;
    const fullyExcluded = countedMinutes(b) <= 0;
    if (b.requests > 0 && b.requests < rule.min_requests) belowMin += 1;
    const down =
      !fullyExcluded &&
      b.requests > 0 &&
      b.requests >= rule.min_requests &&
      rule.isDown(b.requests, b.failures);
    if (down) run.push(b);
    else closeRun();
  }
  closeRun();
  const downMinutes = slots.reduce((s, d) => s + d.minutes, 0);
  const measured = requests === 0 || eligible <= 0 ? null : (1 - downMinutes / eligible) * 100;
  return {
    measured_percent: measured,
    eligible_minutes: Math.max(0, eligible),
    down_minutes: Math.round(downMinutes * 1000) / 1000,
    down_slots: slots,
    requests,
    failures,
    ignored_short_runs: shortRuns,
    slots_below_min_requests: belowMin,
  };
}

export function toDownSlot(b: Bucket): DownSlot {
  return {
    start: b.start,
    end: b.end,
    minutes: countedMinutes(b),
    requests: b.requests,
    failures: b.failures,
    sources: [...b.sources].sort(),
    regions: [...b.regions].sort(),
  };
}
