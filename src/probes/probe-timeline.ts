import { type RunProbeContext, runProbe } from "./run-probe.js";
import type { ProbeSample } from "./sample.js";

/**
 * Runs one probe at simulated instants `from`, `from + everyMs`, … (before `to`), one after another,
 * with `at` set to each instant. `setTime` moves a fake clock first (e.g. the fake vendor's `now`),
 * so outage windows line up with sample times. For end-to-end tests and demos of a whole period.
 */
export async function probeTimeline({
  ctx,
  input,
}: {
  ctx: Omit<RunProbeContext, "now">;
  input: { probe: unknown; from: Date; to: Date; everyMs: number; setTime?: (at: Date) => void };
}): Promise<ProbeSample[]> {
  if (!(input.everyMs > 0)) throw new RangeError("everyMs must be positive");
  const samples: ProbeSample[] = [];
  for (let t = input.from.getTime(); t < input.to.getTime(); t += input.everyMs) {
    const at = new Date(t);
    input.setTime?.(at);
    samples.push(await runProbe({ ctx: { ...ctx, now: () => at }, input: { probe: input.probe } }));
  }
  return samples;
}
