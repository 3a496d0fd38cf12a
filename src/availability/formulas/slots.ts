import { z } from "zod";
import { bucketize } from "../buckets.js";
import { computeDownRuns } from "./down-runs.js";
import type { FormulaKind } from "./formula-kind.js";

export const SlotParams = z.object({
  slot_minutes: z.number().int().positive().default(5),
  /** A slot is down when its success rate is below this (TRTC room entry: 99%). */
  down_success_below_percent: z.number().min(0).max(100).default(99),
  /** Slots with fewer requests are not judged at all. */
  min_requests: z.number().int().min(1).default(1),
  /** Only runs of consecutive down slots lasting at least this long count. */
  min_run_minutes: z.number().min(0).default(5),
});
export type SlotParams = z.infer<typeof SlotParams>;

/** Slot-based: fixed slots judged by success rate, with a minimum of requests and a minimum run. */
export const slots: FormulaKind<SlotParams> = {
  name: "slots",
  description:
    "slots with success rate below a threshold, runs of a minimum length, minimum requests per slot",
  paramsSchema: SlotParams,
  compute(input, p) {
    const buckets = bucketize(input.observations, input.period, p.slot_minutes, input.excluded);
    return computeDownRuns(input, buckets, {
      isDown: (requests, failures) => ((requests - failures) / requests) * 100 < p.down_success_below_percent,
      min_requests: p.min_requests,
      min_run_minutes: p.min_run_minutes,
    });
  },
};
