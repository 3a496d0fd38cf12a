import { z } from "zod";
import { bucketize } from "../buckets.js";
import { computeDownRuns } from "./down-runs.js";
import type { FormulaKind } from "./formula-kind.js";

export const TimeParams = z.object({
  /** Length of the unit of downtime (Google: one minute). */
  bucket_minutes: z.number().int().positive().default(1),
  /** A minute is down when its error rate is above this (Google Cloud Vision/AutoML: 5%). 0 = any failure. */
  down_error_rate_above_percent: z.number().min(0).max(100).default(0),
  min_requests: z.number().int().min(1).default(1),
  /** "Downtime Period": only runs of at least this many consecutive down minutes count. */
  min_run_minutes: z.number().min(0).default(1),
});
export type TimeParams = z.infer<typeof TimeParams>;

/** Time-based: down minutes / (total minutes − excluded maintenance). */
export const time: FormulaKind<TimeParams> = {
  name: "time",
  description: "down minutes / (total minutes − announced maintenance)",
  paramsSchema: TimeParams,
  compute(input, p) {
    const buckets = bucketize(input.observations, input.period, p.bucket_minutes, input.excluded);
    return computeDownRuns(input, buckets, {
      isDown: (requests, failures) => (failures / requests) * 100 > p.down_error_rate_above_percent,
      min_requests: p.min_requests,
      min_run_minutes: p.min_run_minutes,
    });
  },
};
