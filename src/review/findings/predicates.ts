import type { Commitments, Span, SupportTier, TopicId } from "../../terms/index.js";
import type { Signal } from "../extraction.js";
import { evidenceNear, isAbsent, readPath } from "./commitment-path.js";

/** One hit of a condition: its evidence and the values that fill `{name}` placeholders. */
export interface Match {
  evidence: Span[];
  vars?: Record<string, string | number>;
  /** A signal's own topic, when it differs from the rule's. */
  topic?: TopicId;
}

export interface ConditionInput {
  commitments: Commitments;
  signals: Signal[];
}

/** A named condition of rules.yaml: its argument is the YAML value after the name. */
export type Predicate = (arg: unknown, input: ConditionInput) => Match[];

const num = (arg: unknown, name: string): number => {
  if (typeof arg !== "number") throw new Error(`${name} needs a number argument`);
  return arg;
};
const str = (arg: unknown, name: string): string => {
  if (typeof arg !== "string") throw new Error(`${name} needs a string argument`);
  return arg;
};
const hit = (ok: boolean, evidence: Span[] = [], vars?: Match["vars"]): Match[] =>
  ok ? [{ evidence, vars }] : [];

const tiersOf = (c: Commitments): SupportTier[] => c.support?.tiers ?? [];
const hasResolution = (t: SupportTier) => t.resolution_minutes != null || t.resolution_business_days != null;
const topTier = (c: Commitments): SupportTier | undefined => tiersOf(c)[0];

/** The registry: each name usable as a `when` key in rules.yaml. */
export const predicates: Record<string, Predicate> = {
  signal: (arg, { signals }) =>
    signals
      .filter((s) => s.rule === str(arg, "signal"))
      .map((s) => ({ evidence: s.evidence, topic: s.topic })),

  missing: (arg, { commitments }) => hit(isAbsent(readPath(commitments, str(arg, "missing")))),

  is_true: (arg, { commitments }) => {
    const path = str(arg, "is_true");
    return hit(readPath(commitments, path) === true, evidenceNear(commitments, path));
  },

  /** The two most severe tiers lack a resolution time. */
  tier_without_resolution: (_arg, { commitments }) => {
    const lacking = tiersOf(commitments)
      .slice(0, 2)
      .filter((t) => !hasResolution(t));
    return hit(
      lacking.length > 0,
      lacking.flatMap((t) => t.evidence),
      { tiers: lacking.map((t) => t.severity).join("/") },
    );
  },

  /** The most severe tier (or support as a whole when no tiers are listed) is not 24x7. */
  no_24x7_for_top_tier: (_arg, { commitments }) => {
    const top = topTier(commitments);
    const coverage = top?.coverage ?? commitments.support?.coverage ?? null;
    return hit(coverage !== "24x7", top?.evidence ?? []);
  },

  rca_without_deadline: (_arg, { commitments: { rca } }) =>
    hit(rca?.committed === true && rca.deadline_hours == null, rca?.evidence ?? []),

  exclusion_category: (arg, { commitments }) =>
    commitments.exclusions
      .filter((e) => e.category === str(arg, "exclusion_category"))
      .map((e) => ({ evidence: e.evidence })),

  exclusion_broad: (arg, { commitments }) =>
    commitments.exclusions
      .filter((e) => e.category === str(arg, "exclusion_broad") && e.broad)
      .map((e) => ({ evidence: e.evidence })),

  maintenance_excluded_without_notice: (_arg, { commitments: { exclusions, maintenance } }) => {
    const excluded = exclusions.filter((e) => e.category === "maintenance");
    const isExcluded = excluded.length > 0 || maintenance?.excluded_from_availability === true;
    return hit(isExcluded && maintenance?.notice_hours == null, [
      ...excluded.flatMap((e) => e.evidence),
      ...(maintenance?.evidence ?? []),
    ]);
  },

  credit_form_in: (arg, { commitments: { credits } }) => {
    const forms = Array.isArray(arg) ? arg : [arg];
    return hit(credits?.form != null && forms.includes(credits.form), credits?.evidence ?? []);
  },

  claim_window_under_days: (arg, { commitments: { credits } }) => {
    const days = credits?.claim_deadline_days;
    return hit(days != null && days < num(arg, "claim_window_under_days"), credits?.evidence ?? [], {
      days: days ?? 0,
    });
  },

  credit_cap_under: (arg, { commitments: { credits } }) => {
    const cap = credits?.cap_percent;
    return hit(cap != null && cap < num(arg, "credit_cap_under"), credits?.evidence ?? [], { cap: cap ?? 0 });
  },

  top_tier_fast_24x7: (arg, { commitments }) => {
    const top = topTier(commitments);
    const coverage = top?.coverage ?? commitments.support?.coverage ?? null;
    const minutes = top?.response_minutes;
    return hit(
      minutes != null && minutes <= num(arg, "top_tier_fast_24x7") && coverage === "24x7",
      top?.evidence ?? [],
      { minutes: minutes ?? 0 },
    );
  },

  all_tiers_resolved: (_arg, { commitments }) => {
    const tiers = tiersOf(commitments);
    return hit(
      tiers.length > 0 && tiers.every(hasResolution),
      tiers.flatMap((t) => t.evidence),
    );
  },

  rca_deadline_within_hours: (arg, { commitments: { rca } }) => {
    const hours = rca?.deadline_hours;
    return hit(
      rca?.committed === true && hours != null && hours <= num(arg, "rca_deadline_within_hours"),
      rca?.evidence ?? [],
      { hours: hours ?? 0 },
    );
  },

  maintenance_notice_at_least_hours: (arg, { commitments: { maintenance } }) => {
    const hours = maintenance?.notice_hours;
    return hit(
      hours != null && hours >= num(arg, "maintenance_notice_at_least_hours"),
      maintenance?.evidence ?? [],
      {
        hours: hours ?? 0,
      },
    );
  },

  /**
   * A number the document commits to is worse than the scenario needs: `{ path, max }`, e.g. a
   * connect time of 1,500 ms where 1-on-1 social needs under 600 ms.
   */
  number_above: (arg, { commitments }) => {
    const { path, max } = (arg ?? {}) as { path?: unknown; max?: unknown };
    const where = str(path, "number_above.path");
    const bound = num(max, "number_above.max");
    const found = readPath(commitments, where);
    const value =
      found && typeof found === "object" && "value" in found ? (found as { value: unknown }).value : found;
    return hit(typeof value === "number" && value > bound, evidenceNear(commitments, where), {
      value: typeof value === "number" ? value : 0,
      max: bound,
    });
  },

  export_window_at_least_days: (arg, { commitments: { data_exit } }) => {
    const days = data_exit?.export_days;
    return hit(days != null && days >= num(arg, "export_window_at_least_days"), data_exit?.evidence ?? [], {
      days: days ?? 0,
    });
  },
};
