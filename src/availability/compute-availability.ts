import type { EnforcedCommitments } from "./commitment-types.js";
import { type DownSlot, formulas } from "./formulas/index.js";
import { classifyMaintenance, type Interval, type MaintenanceNotice, overlapMs } from "./maintenance.js";
import {
  NO_DATA_REASONS,
  type NoDataReason,
  type Observation,
  type ObservationSource,
} from "./observation.js";
import { formatInstant, MINUTE_MS, monthPeriod, type Period } from "./period.js";
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
  /**
   * The moment of computing: a period still in progress counts only its elapsed minutes (up to the
   * start of the current minute) and is marked `partial`. Omitted = the whole period.
   */
  now?: Date | null;
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

export interface DownRun {
  start: string;
  end: string;
  minutes: number;
  slots: number;
  requests: number;
  failures: number;
  sources: ObservationSource[];
  regions: string[];
}

export interface AvailabilityReport {
  schema: "termsight.availability/v1";
  period: {
    label: string;
    timezone: string;
    start: string;
    end: string;
    minutes: number;
    /** The period has not ended at `as_of`: only `elapsed_minutes` are counted. */
    partial: boolean;
    elapsed_minutes: number;
    as_of: string | null;
  };
  formula: Pick<VendorFormula, "id" | "vendor" | "product" | "kind" | "params" | "clause" | "source">;
  target_percent: number | null;
  /** Null when there is no evidence (no observation) or the whole period was excluded. */
  measured_percent: number | null;
  met: boolean | null;
  eligible_minutes: number;
  excluded_minutes: number;
  /**
   * Counted (elapsed, not excluded) minutes without a single usable observation: no probe ran, or
   * every sample was guard-refused or an error on our side. The formula does not charge them to the
   * vendor; they are not evidence of uptime either.
   */
  no_data_minutes: number;
  /** Samples that are not evidence about the vendor, by reason. */
  no_data_samples: Record<NoDataReason, number>;
  down_minutes: number;
  requests: number;
  failures: number;
  down_slots: ReportSlot[];
  /**
   * Consecutive down slots merged: what a person calls an outage, with the evidence behind it
   * (observations and failures counted in the run, the sources and probe regions that saw it).
   */
  down_runs: DownRun[];
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
  /**
   * `no_data`, `partial`, `not_started`, `minutes_without_data`, `late_maintenance_notice`,
   * `slots_below_min_requests`, `short_runs_ignored`, `vendor_records_prevail`.
   */
  flags: string[];
}

/** Recomputes the period's availability with the vendor's own formula. */
export function computeAvailability(input: AvailabilityInput): AvailabilityReport {
  const formula = typeof input.formula === "string" ? getVendorFormula(input.formula) : input.formula;
  const full = typeof input.period === "string" ? monthPeriod(input.period, input.timezone) : input.period;
  const period = elapsedPeriod(full, input.now ?? null);
  const partial = period.end < full.end;
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
  const noData = countNoData(input.observations, period, maintenance.excluded, slotMinutes(params));
  const flags: string[] = [];
  if (measured == null) flags.push("no_data");
  if (partial) flags.push("partial");
  if (period.minutes === 0) flags.push("not_started");
  if (noData.minutes > 0) flags.push("minutes_without_data");
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
      start: formatInstant(full.start, tz),
      end: formatInstant(full.end, tz),
      minutes: full.minutes,
      partial,
      elapsed_minutes: period.minutes,
      as_of: input.now ? formatInstant(input.now.getTime(), tz) : null,
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
    no_data_minutes: noData.minutes,
    no_data_samples: noData.samples,
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

/** The part of the period that has happened by `now` (cut at the start of the current minute). */
export function elapsedPeriod(period: Period, now: Date | null): Period {
  if (now == null || now.getTime() >= period.end) return period;
  const cut = period.start + Math.floor(Math.max(0, now.getTime() - period.start) / MINUTE_MS) * MINUTE_MS;
  const end = Math.min(Math.max(cut, period.start), period.end);
  return { ...period, end, minutes: Math.round((end - period.start) / MINUTE_MS) };
}

/** The unit the formula judges (a minute, a 5-minute slot, an interval): data is per unit. */
function slotMinutes(params: unknown): number {
  const p = params as { bucket_minutes?: number; slot_minutes?: number; interval_minutes?: number };
  return p.bucket_minutes ?? p.slot_minutes ?? p.interval_minutes ?? 1;
}

/**
 * Counted minutes in units (of the formula's slot size) with no usable observation, and the samples
 * that were not evidence, by reason. A probe every 5 minutes covers a 5-minute slot, not a 1-minute one.
 */
function countNoData(
  observations: readonly Observation[],
  period: Period,
  excluded: Interval[],
  unitMinutes: number,
): { minutes: number; samples: Record<NoDataReason, number> } {
  const samples = Object.fromEntries(NO_DATA_REASONS.map((r) => [r, 0])) as Record<NoDataReason, number>;
  const size = unitMinutes * MINUTE_MS;
  const count = Math.ceil((period.end - period.start) / size);
  const seen = new Uint8Array(count);
  for (const o of observations) {
    if (o.t < period.start || o.t >= period.end) continue;
    if (o.no_data) samples[o.no_data] += 1;
    else seen[Math.floor((o.t - period.start) / size)] = 1;
  }
  let ms = 0;
  for (let i = 0; i < count; i++) {
    if (seen[i]) continue;
    const start = period.start + i * size;
    const end = Math.min(start + size, period.end);
    // time inside announced maintenance is not counted at all, so it cannot lack data
    ms += end - start - (excluded.length ? overlapMs(start, end, excluded) : 0);
  }
  return { minutes: Math.round(ms / MINUTE_MS), samples };
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

function mergeRuns(slots: DownSlot[], tz: string): DownRun[] {
  type Run = Omit<DownRun, "start" | "end"> & { start: number; end: number };
  const runs: Run[] = [];
  for (const s of slots) {
    const last = runs[runs.length - 1];
    if (last && last.end === s.start) {
      last.end = s.end;
      last.minutes += s.minutes;
      last.slots += 1;
      last.requests += s.requests;
      last.failures += s.failures;
      last.sources = [...new Set([...last.sources, ...s.sources])].sort();
      last.regions = [...new Set([...last.regions, ...s.regions])].sort();
    } else
      runs.push({
        start: s.start,
        end: s.end,
        minutes: s.minutes,
        slots: 1,
        requests: s.requests,
        failures: s.failures,
        sources: [...s.sources],
        regions: [...s.regions],
      });
  }
  return runs.map((r) => ({
    ...r,
    start: formatInstant(r.start, tz),
    end: formatInstant(r.end, tz),
    minutes: round(r.minutes, 3),
  }));
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
