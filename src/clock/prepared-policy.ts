import type { CompiledCalendar } from "./business-calendar.js";
import type { SlaPolicy, SlaTarget } from "./sla-policy.js";

/** One severity's target for one metric, with its calendar looked up once. */
export interface PreparedTarget {
  readonly target: SlaTarget;
  /** Undefined when the policy names a calendar it does not hold (reported when the metric is evaluated). */
  readonly cal: CompiledCalendar | undefined;
  readonly calendarName: string;
  /** The target in business ms when given in minutes; NaN for business days (depends on the start). */
  readonly fixedMs: number;
}

/** One severity's three targets (null: no target for that metric). */
export interface PreparedSeverity {
  readonly name: string;
  readonly first_response: PreparedTarget | null;
  readonly next_response: PreparedTarget | null;
  readonly resolution: PreparedTarget | null;
}

/** A policy prepared for replays: severities by name with their calendars resolved. */
export interface PreparedPolicy {
  readonly severities: ReadonlyMap<string, PreparedSeverity>;
  /** "P0, P1, …" for error messages. */
  readonly known: string;
}

const cache = new WeakMap<SlaPolicy, PreparedPolicy>();
let lastPolicy: SlaPolicy | null = null;
let lastPrepared: PreparedPolicy | null = null;

/** The policy prepared once and cached per policy object (policies are read-only once loaded). */
export function preparePolicy(policy: SlaPolicy): PreparedPolicy {
  if (policy === lastPolicy && lastPrepared) return lastPrepared;
  let prepared = cache.get(policy);
  if (!prepared) {
    prepared = buildPreparedPolicy(policy);
    cache.set(policy, prepared);
  }
  lastPolicy = policy;
  lastPrepared = prepared;
  return prepared;
}

function buildPreparedPolicy(policy: SlaPolicy): PreparedPolicy {
  const severities = new Map<string, PreparedSeverity>();
  for (const name of Object.keys(policy.severities)) {
    const targets = policy.severities[name];
    severities.set(name, {
      name,
      first_response: prepareTarget(policy, targets.first_response),
      next_response: prepareTarget(policy, targets.next_response),
      resolution: prepareTarget(policy, targets.resolution),
    });
  }
  return { severities, known: Object.keys(policy.severities).join(", ") };
}

function prepareTarget(policy: SlaPolicy, target: SlaTarget | undefined): PreparedTarget | null {
  if (!target) return null;
  return {
    target,
    cal: policy.calendars.get(target.calendar),
    calendarName: target.calendar,
    fixedMs: target.minutes != null ? target.minutes * 60_000 : Number.NaN,
  };
}
