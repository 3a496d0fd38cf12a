import type { EnforcedCommitments } from "./commitment-types.js";
import { type DownSlot, formulas } from "./formulas/index.js";
import { classifyMaintenance, type MaintenanceNotice } from "./maintenance.js";
import type { Observation, ObservationSource } from "./observation.js";
import { formatInstant, monthPeriod, type Period } from "./period.js";
import { getVendorFormula, type VendorFormula } from "./vendor-formula.js";

export interface AvailabilityInput {
  /** A bundled formula id (`tencent-trtc`) or a full definition. */
  formula: string | VendorFormula;
  /** `YYYY-MM` (cut in `timezone`) or an explicit period. */
  period: string | Period;
  /** The contract's time zone (IANA). */
  timezone: string;
  observations: readonly Observation[];
  maintenance?: MaintenanceNotice[];
  /** The contract's commitments: target, maintenance notice. */
  commitments?: Pick<EnforcedCommitments, "availability" | "maintenance">;
  /** Overrides `commitments.availability.target_percent`. */
  target_percent?: number | null;
}

export interface ReportSlot {
  start: string;
  end: string;
  minutes: number;
  requests: number;
  failures: number;
  success_percent: number;
  sources: ObservationSource[];
  regions: string[];
}

export interface AvailabilityReport {
  schema: "termsight.availability/v1";
  period: { label: string; timezone: string; start: string; end: string; minutes: number };
  formula: Pick<VendorFormula, "id" | "vendor" | "product" | "kind" | "params" | "clause" | "source">;
  target_percent: number | null;
  /** Null when there is no evidence (no observation) or the whole period was excluded. */
  measured_percent: number | null;
  met: boolean | null;
  eligible_minutes: number;
  excluded_minutes: number;
  down_minutes: number;
  requests: number;
  failures: number;
  down_slots: ReportSlot[];
  /** Consecutive down slots merged: what a person calls an outage. */
  down_runs: { start: string; end: string; minutes: number; slots: number }[];
  maintenance: {
    title: string | null;
    start: string;
    end: string;
    announced_at: string;
    notice_hours_given: number;
    notice_hours_required: number | null;
    excluded: boolean;
    late: boolean;
  }[];
  ignored_short_runs: number;
  slots_below_min_requests: number;
  /**
   * The same formula per probe region when the evidence comes from several ("Singapore fails,
   * Frankfurt fine"); empty with one region or none. The headline figure uses all evidence together.
   */
  by_region: {
    region: string;
    measured_percent: number | null;
    down_minutes: number;
    requests: number;
    failures: number;
  }[];
  /** `no_data`, `late_maintenance_notice`, `slots_below_min_requests`, `short_runs_ignored`, `vendor_records_prevail`. */
  flags: string[];
}

/** Recomputes the period's availability with the vendor's own formula. */
export function computeAvailability(input: AvailabilityInput): AvailabilityReport {
  const formula = typeof input.formula === "string" ? getVendorFormula(input.formula) : input.formula;
  const period = typeof input.period === "string" ? monthPeriod(input.period, input.timezone) : input.period;
  const tz = period.timezone;
  const target = input.target_percent ?? input.commitments?.availability?.target_percent ?? null;
  const maintenance = classifyMaintenance(input.maintenance ?? [], {
    period,
    noticeHours: input.commitments?.maintenance?.notice_hours ?? null,
    excludable: input.commitments?.maintenance?.excluded_from_availability ?? true,
  });
  const kind = formulas[formula.kind];
  const params = kind.paramsSchema.parse(formula.params);
  const run = (observations: readonly Observation[]) =>
    kind.compute(
      {
        period,
        observations,
        excluded: maintenance.excluded,
        excluded_minutes: maintenance.excluded_minutes,
        target_percent: target,
      },
      params as never,
    );
  const outcome = run(input.observations);
  const perRegion = new Map<string, Observation[]>();
  for (const o of input.observations) {
    if (o.region == null) continue;
    const list = perRegion.get(o.region);
    if (list) list.push(o);
    else perRegion.set(o.region, [o]);
  }
  const byRegion =
    perRegion.size > 1
      ? [...perRegion.keys()].sort().map((region) => {
          const r = run(perRegion.get(region) as Observation[]);
          return {
            region,
            measured_percent: r.measured_percent == null ? null : round(r.measured_percent, 6),
            down_minutes: round(r.down_minutes, 3),
            requests: r.requests,
            failures: r.failures,
          };
        })
      : [];
  const measured = outcome.measured_percent == null ? null : round(outcome.measured_percent, 6);
  const flags: string[] = [];
  if (measured == null) flags.push("no_data");
  if (maintenance.windows.some((w) => w.late && w.minutes_in_period > 0))
    flags.push("late_maintenance_notice");
  if (outcome.slots_below_min_requests > 0) flags.push("slots_below_min_requests");
  if (outcome.ignored_short_runs > 0) flags.push("short_runs_ignored");
  if (formula.vendor_records_prevail) flags.push("vendor_records_prevail");
  return {
    schema: "termsight.availability/v1",
    period: {
      label: period.label,
      timezone: tz,
      start: formatInstant(period.start, tz),
      end: formatInstant(period.end, tz),
      minutes: period.minutes,
    },
    formula: {
      id: formula.id,
      vendor: formula.vendor,
      product: formula.product,
      kind: formula.kind,
      params: params as Record<string, unknown>,
      clause: formula.clause,
      source: formula.source,
    },
    target_percent: target,
    measured_percent: measured,
    met: measured == null || target == null ? null : measured >= target,
    eligible_minutes: outcome.eligible_minutes,
    excluded_minutes: maintenance.excluded_minutes,
    down_minutes: outcome.down_minutes,
    requests: outcome.requests,
    failures: outcome.failures,
    down_slots: outcome.down_slots.map((s) => reportSlot(s, tz)),
    down_runs: mergeRuns(outcome.down_slots, tz),
    maintenance: maintenance.windows
      .filter((w) => w.minutes_in_period > 0)
      .map((w) => ({
        title: w.title,
        start: formatInstant(w.start, tz),
        end: formatInstant(w.end, tz),
        announced_at: formatInstant(w.announced_at, tz),
        notice_hours_given: w.notice_hours_given,
        notice_hours_required: w.notice_hours_required,
        excluded: w.excluded,
        late: w.late,
      })),
    ignored_short_runs: outcome.ignored_short_runs,
    slots_below_min_requests: outcome.slots_below_min_requests,
    by_region: byRegion,
    flags,
  };
}

function reportSlot(s: DownSlot, tz: string): ReportSlot {
  return {
    start: formatInstant(s.start, tz),
    end: formatInstant(s.end, tz),
    minutes: round(s.minutes, 3),
    requests: s.requests,
    failures: s.failures,
    success_percent: s.requests ? round(((s.requests - s.failures) / s.requests) * 100, 4) : 0,
    sources: s.sources,
    regions: s.regions,
  };
}

function mergeRuns(slots: DownSlot[], tz: string): AvailabilityReport["down_runs"] {
  const runs: { start: number; end: number; minutes: number; slots: number }[] = [];
  for (const s of slots) {
    const last = runs[runs.length - 1];
    if (last && last.end === s.start) {
      last.end = s.end;
      last.minutes += s.minutes;
      last.slots += 1;
    } else runs.push({ start: s.start, end: s.end, minutes: s.minutes, slots: 1 });
  }
  return runs.map((r) => ({
    start: formatInstant(r.start, tz),
    end: formatInstant(r.end, tz),
    minutes: round(r.minutes, 3),
    slots: r.slots,
  }));
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
