import { z } from "zod";
import { type Bucket, bucketize, countedMinutes } from "../buckets.js";
import { toDownSlot } from "./down-runs.js";
import type { FormulaInput, FormulaKind, FormulaOutcome } from "./formula-kind.js";

export const RequestParams = z.object({
  /**
   * `ratio`: successful / all requests over the whole period (Azure AI services).
   * `interval_average`: 100% minus the average of per-interval error rates (AWS: 5-minute
   * intervals; Volcano Engine: sum of 5-minute failure rates / number of 5-minute intervals).
   */
  aggregate: z.enum(["ratio", "interval_average"]).default("ratio"),
  interval_minutes: z.number().int().positive().default(5),
  /** Intervals with fewer requests have their error rate counted as 0 (Volcano Engine: 250). */
  min_requests: z.number().int().min(0).default(0),
  /**
   * Which intervals the claim letter lists as evidence: error rate above this; null = above the
   * error budget (100 − target), or any failure when there is no target.
   */
  evidence_error_rate_above_percent: z.number().min(0).max(100).nullable().default(null),
});
export type RequestParams = z.infer<typeof RequestParams>;

/** Request-success ratio, over the period or averaged over fixed intervals. */
export const requests: FormulaKind<RequestParams> = {
  name: "requests",
  description: "successful requests / all requests (per period or averaged per interval)",
  paramsSchema: RequestParams,
  compute(input, p) {
    const buckets = bucketize(input.observations, input.period, p.interval_minutes, input.excluded);
    const counted = buckets.filter((b) => countedMinutes(b) > 0);
    let total = 0;
    let failed = 0;
    let belowMin = 0;
    let rateSum = 0;
    for (const b of counted) {
      total += b.requests;
      failed += b.failures;
      if (b.requests > 0 && b.requests < p.min_requests) belowMin += 1;
      rateSum += intervalErrorRate(b, p.min_requests);
    }
    let measured: number | null = null;
    if (total > 0 && counted.length > 0) {
      measured = p.aggregate === "ratio" ? (1 - failed / total) * 100 : (1 - rateSum / counted.length) * 100;
    }
    const threshold = p.evidence_error_rate_above_percent ?? budgetPercent(input);
    const evidence = counted.filter((b) => {
      const rate =
        p.aggregate === "ratio"
          ? b.requests
            ? b.failures / b.requests
            : 0
          : intervalErrorRate(b, p.min_requests);
      return b.failures > 0 && rate * 100 > threshold;
    });
    const slots = evidence.map(toDownSlot);
    return {
      measured_percent: measured,
      eligible_minutes: Math.max(0, input.period.minutes - input.excluded_minutes),
      down_minutes: slots.reduce((s, d) => s + d.minutes, 0),
      down_slots: slots,
      requests: total,
      failures: failed,
      ignored_short_runs: 0,
      slots_below_min_requests: belowMin,
    } satisfies FormulaOutcome;
  },
};

function intervalErrorRate(b: Bucket, minRequests: number): number {
  if (b.requests === 0 || b.requests < minRequests) return 0;
  return b.failures / b.requests;
}

function budgetPercent(input: FormulaInput): number {
  return input.target_percent == null ? 0 : 100 - input.target_percent;
}
