import { z } from "zod";
import { readDataFile } from "../data-files/index.js";
import { InputError } from "../errors/index.js";

export const BurnRule = z.object({
  name: z.string(),
  severity: z.enum(["page", "ticket"]),
  long_minutes: z.number().positive(),
  short_minutes: z.number().positive(),
  burn_rate: z.number().positive(),
});
export type BurnRule = z.infer<typeof BurnRule>;

/** The bundled rules (data/alerts/burn-rules.yaml): 14.4× over 1 h/5 min, 6× over 6 h/30 min, 1× over 3 d/6 h. */
export const defaultBurnRules: BurnRule[] = z
  .object({ rules: z.array(BurnRule) })
  .parse(readDataFile("alerts/burn-rules.yaml")).rules;

/** What the alerting needs of an observation (an availability `Observation` fits). */
export interface Outcome {
  t: number;
  ok: boolean;
}

export interface WindowBurn {
  minutes: number;
  requests: number;
  failures: number;
  error_rate: number;
  burn: number;
}

export interface RuleEvaluation {
  rule: BurnRule;
  long: WindowBurn;
  short: WindowBurn;
  firing: boolean;
}

export interface BurnEvaluation {
  at: number;
  target_percent: number;
  rules: RuleEvaluation[];
  /** The most severe firing rule (pages before tickets, then the fastest), or null. */
  firing: RuleEvaluation | null;
}

/**
 * Error-budget burn over each rule's long and short window ending at `now`; a rule fires when both
 * burn at least its rate. `observations` must be sorted by time.
 */
export function evaluateBurnRate(input: {
  observations: readonly Outcome[];
  target_percent: number;
  now: Date;
  rules?: BurnRule[];
}): BurnEvaluation {
  const { target_percent } = input;
  if (!(target_percent > 0 && target_percent < 100)) {
    throw new InputError("target_percent", `${target_percent} must be between 0 and 100 (exclusive)`);
  }
  const budget = 1 - target_percent / 100;
  const now = input.now.getTime();
  const rules = (input.rules ?? defaultBurnRules).map((rule) => {
    const long = windowBurn(input.observations, now, rule.long_minutes, budget);
    const short = windowBurn(input.observations, now, rule.short_minutes, budget);
    return { rule, long, short, firing: long.burn >= rule.burn_rate && short.burn >= rule.burn_rate };
  });
  const firing =
    rules
      .filter((r) => r.firing)
      .sort(
        (a, b) =>
          (a.rule.severity === "page" ? 0 : 1) - (b.rule.severity === "page" ? 0 : 1) ||
          a.rule.long_minutes - b.rule.long_minutes,
      )[0] ?? null;
  return { at: now, target_percent, rules, firing };
}

function windowBurn(obs: readonly Outcome[], now: number, minutes: number, budget: number): WindowBurn {
  const from = now - minutes * 60_000;
  let requests = 0;
  let failures = 0;
  for (let i = lowerBound(obs, from); i < obs.length && obs[i].t < now; i++) {
    requests += 1;
    if (!obs[i].ok) failures += 1;
  }
  const errorRate = requests ? failures / requests : 0;
  return { minutes, requests, failures, error_rate: errorRate, burn: errorRate / budget };
}

function lowerBound(obs: readonly Outcome[], t: number): number {
  let lo = 0;
  let hi = obs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (obs[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
