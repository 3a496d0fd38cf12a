import type { z } from "zod";
import type { Interval } from "../maintenance.js";
import type { Observation, ObservationSource } from "../observation.js";
import type { Period } from "../period.js";

/** The formula kinds, one source: the terms schema and the registry (formulas/index.ts) follow it. */
export const FORMULA_KIND_NAMES = ["time", "slots", "requests"] as const;
export type FormulaKindName = (typeof FORMULA_KIND_NAMES)[number];

export interface FormulaInput {
  period: Period;
  observations: readonly Observation[];
  /** Maintenance announced in time, merged and clipped to the period. */
  excluded: Interval[];
  excluded_minutes: number;
  target_percent: number | null;
}

/** A slot the formula counts against the vendor, with the evidence behind it. */
export interface DownSlot {
  start: number;
  end: number;
  /** Minutes charged as downtime (slot length minus excluded maintenance). */
  minutes: number;
  requests: number;
  failures: number;
  sources: ObservationSource[];
  regions: string[];
}

export interface FormulaOutcome {
  /** Null when nothing was observed (no evidence either way) or the whole period was excluded. */
  measured_percent: number | null;
  eligible_minutes: number;
  down_minutes: number;
  down_slots: DownSlot[];
  requests: number;
  failures: number;
  /** Down runs dropped for being shorter than the formula's minimum run length. */
  ignored_short_runs: number;
  /** Slots with some but fewer requests than the formula's minimum, so not counted. */
  slots_below_min_requests: number;
}

/** One way of computing availability: a params schema (with defaults) and a pure function. */
export interface FormulaKind<P> {
  name: FormulaKindName;
  description: string;
  paramsSchema: z.ZodType<P>;
  compute(input: FormulaInput, params: P): FormulaOutcome;
}
