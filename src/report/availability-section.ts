import {
  computeAvailability,
  contractCalendar,
  creditRecordsOf,
  datePeriod,
  type EnforcedCommitments,
  loadObservations,
  type MaintenanceNotice,
  type Observation,
  prepareClaim,
} from "../availability/index.js";
import type { Db } from "../context/index.js";
import { isTermsightError } from "../errors/index.js";
import { histogramQuantile, LATENCY_BOUNDS_MS } from "../probes/index.js";
import type { ReportSubject } from "./load-subject.js";
import { round } from "./quantile.js";
import type { AvailabilityRow, AvailabilitySection, CreditRow, LatencySection } from "./report-model.js";
import { localMidnight, periodDays, type ReportPeriod } from "./report-period.js";

const MINUTE = 60_000;

/** Availability per month (and the whole period) by the vendor's formula, the credits it makes owed, per-day series. */
export async function availabilitySection(
  db: Db,
  workspaceId: string,
  subject: ReportSubject,
  period: ReportPeriod,
  now: Date,
): Promise<{ availability: AvailabilitySection; credits: CreditRow[] }> {
  const tz = subject.timezone;
  const whole = datePeriod(period.label, period.from, period.to, tz);
  const from = new Date(whole.start);
  const to = new Date(whole.end);
  const commitments = (subject.contract?.terms.commitments ?? {}) as EnforcedCommitments;
  const notices = subject.vendorId
    ? await db
        .selectFrom("maintenance_notices")
        .select(["title", "notice_at", "window_start", "window_end"])
        .where("workspace_id", "=", workspaceId)
        .where("vendor_id", "=", subject.vendorId)
        .where("window_end", ">", from)
        .where("window_start", "<", to)
        .execute()
    : [];
  const maintenance: MaintenanceNotice[] = notices.map((n) => ({
    title: n.title,
    start: new Date(n.window_start),
    end: new Date(n.window_end),
    announced_at: new Date(n.notice_at),
  }));
  const probeIds = subject.probeIds ?? (await vendorProbeIds(db, workspaceId, subject.vendorId));
  const observations = await loadObservations(db as never, {
    workspaceId,
    contractId: subject.contract?.id ?? "",
    vendorId: subject.vendorId,
    probeIds,
    from,
    to,
  });
  const calendar = subject.contract ? contractCalendar({ calendar: subject.calendar, timezone: tz }) : null;
  const rows: AvailabilityRow[] = [];
  const credits: CreditRow[] = [];
  const records = subject.contract
    ? await creditRecordsOf(db, workspaceId, subject.contract.id, period.months[0], period.months.at(-1))
    : null;
  for (const month of period.months) {
    const a = maxDate(`${month}-01`, period.from);
    const b = minDate(nextMonth(month), period.to);
    const p = datePeriod(month, a, b, tz);
    const obs = slice(observations, p.start, p.end);
    const claimOf = (cal: typeof calendar) =>
      prepareClaim({
        contract: { name: subject.contract?.name ?? "", vendor: subject.vendorName },
        commitments,
        formula: subject.formula,
        period: p,
        timezone: tz,
        observations: obs,
        maintenance,
        calendar: cal,
        monthly_fee: subject.monthlyFee,
        now,
      });
    let claim: ReturnType<typeof prepareClaim>;
    try {
      claim = claimOf(calendar);
    } catch (err) {
      // The calendar cannot say which days are business days (e.g. next year's official holidays
      // are not published yet): the window is counted without it, so `file_by` stays unknown.
      if (!calendar || !isTermsightError(err)) throw err;
      claim = claimOf(null);
    }
    rows.push(rowOf(month, claim.report, obs, p.start, p.end));
    const record = records?.find((r) => r.period === month);
    credits.push({
      month,
      measured_percent: claim.report.measured_percent,
      credit_percent: claim.credit.credit_percent,
      amount: claim.credit.amount?.amount ?? null,
      currency: claim.credit.amount?.currency ?? null,
      form: claim.credit.form ?? null,
      claimed: records ? !!record?.claim : null,
      received: records ? !!record?.received : null,
      claim: record?.claim ?? null,
      credit_received: record?.received ?? null,
      claim_deadline: claim.window?.deadline ?? null,
      days_left: claim.window?.days_left ?? null,
    });
  }
  const totalReport = computeAvailability({
    formula: subject.formula,
    period: whole,
    timezone: tz,
    observations,
    maintenance,
    commitments,
  });
  const total = rowOf("total", totalReport, observations, whole.start, whole.end);
  const daily = dailyFigures(period, tz, observations, totalReport);
  return {
    availability: {
      rows,
      total,
      daily,
      outages: totalReport.down_runs.map((r) => ({ start: r.start, end: r.end, minutes: r.minutes })),
      evidence: { observations: observations.length, probes: probeIds.length },
    },
    credits,
  };
}

/**
 * Per local day: the formula's down minutes of the whole period (its down slots) grouped by day,
 * over the day's minutes less excluded maintenance. Null for a day without any observation.
 */
function dailyFigures(
  period: ReportPeriod,
  tz: string,
  observations: readonly Observation[],
  report: ReturnType<typeof computeAvailability>,
): AvailabilitySection["daily"] {
  const days = periodDays(period);
  const starts = days.map((d) => localMidnight(d, tz));
  starts.push(localMidnight(period.to, tz));
  const down = new Array(days.length).fill(0);
  const excluded = new Array(days.length).fill(0);
  const seen = new Uint8Array(days.length);
  for (const o of observations) {
    const i = upperBound(starts, o.t) - 1;
    if (i >= 0 && i < days.length) seen[i] = 1;
  }
  const spread = (start: number, end: number, into: number[]) => {
    for (let i = Math.max(0, upperBound(starts, start) - 1); i < days.length && starts[i] < end; i++) {
      const a = Math.max(start, starts[i]);
      const b = Math.min(end, starts[i + 1]);
      if (b > a) into[i] += (b - a) / MINUTE;
    }
  };
  for (const s of report.down_slots) spread(Date.parse(s.start), Date.parse(s.end), down);
  for (const w of report.maintenance)
    if (w.excluded) spread(Date.parse(w.start), Date.parse(w.end), excluded);
  return days.map((date, i) => {
    const eligible = (starts[i + 1] - starts[i]) / MINUTE - excluded[i];
    return {
      date,
      measured_percent: !seen[i] || eligible <= 0 ? null : round(((eligible - down[i]) / eligible) * 100, 6),
    };
  });
}

/** Latency quantiles per region and per local day from the probes' hourly histograms. */
export async function latencySection(
  db: Db,
  workspaceId: string,
  subject: ReportSubject,
  period: ReportPeriod,
): Promise<LatencySection> {
  const tz = subject.timezone;
  const whole = datePeriod(period.label, period.from, period.to, tz);
  const probeIds = subject.probeIds ?? (await vendorProbeIds(db, workspaceId, subject.vendorId));
  const rows = probeIds.length
    ? await db
        .selectFrom("probe_rollups")
        .select(["region", "bucket_start", "histogram"])
        .where("workspace_id", "=", workspaceId)
        .where("probe_id", "in", probeIds)
        .where("resolution", "=", "hour")
        .where("bucket_start", ">=", new Date(whole.start))
        .where("bucket_start", "<", new Date(whole.end))
        .execute()
    : [];
  const size = LATENCY_BOUNDS_MS.length + 1;
  const byRegion = new Map<string, number[]>();
  const all = new Array(size).fill(0);
  const days = periodDays(period);
  const dayStarts = days.map((d) => localMidnight(d, tz));
  const byDay = days.map(() => new Array(size).fill(0) as number[]);
  for (const r of rows) {
    const h = r.histogram as number[];
    const region = r.region || "—";
    let reg = byRegion.get(region);
    if (!reg) {
      reg = new Array(size).fill(0) as number[];
      byRegion.set(region, reg);
    }
    const t = new Date(r.bucket_start).getTime();
    let day = upperBound(dayStarts, t) - 1;
    if (day < 0) day = 0;
    for (let i = 0; i < size; i++) {
      const c = h[i] ?? 0;
      reg[i] += c;
      all[i] += c;
      byDay[day][i] += c;
    }
  }
  const q = (h: number[]) => ({
    samples: h.reduce((a, b) => a + b, 0),
    p50_ms: histogramQuantile(h, 0.5),
    p95_ms: histogramQuantile(h, 0.95),
    p99_ms: histogramQuantile(h, 0.99),
  });
  return {
    rows: [
      { region: "all", ...q(all) },
      ...[...byRegion.keys()].sort().map((region) => ({ region, ...q(byRegion.get(region) as number[]) })),
    ],
    daily: days.map((date, i) => {
      const { p50_ms, p95_ms, p99_ms } = q(byDay[i]);
      return { date, p50_ms, p95_ms, p99_ms };
    }),
    method: "histogram",
  };
}

function rowOf(
  month: string,
  r: ReturnType<typeof computeAvailability>,
  obs: readonly Observation[],
  start: number,
  end: number,
): AvailabilityRow {
  const target = r.target_percent;
  const allowed = target == null ? null : ((100 - target) / 100) * r.eligible_minutes;
  return {
    month,
    formula: r.formula.id,
    target_percent: target,
    measured_percent: r.measured_percent,
    vendor_declared_percent: null,
    met: r.met,
    period_minutes: r.period.minutes,
    eligible_minutes: round(r.eligible_minutes, 3),
    excluded_minutes: round(r.excluded_minutes, 3),
    down_minutes: round(r.down_minutes, 3),
    no_data_minutes: noDataMinutes(obs, start, end),
    error_budget_used_percent:
      allowed == null || r.measured_percent == null
        ? null
        : allowed === 0
          ? r.down_minutes > 0
            ? null
            : 0
          : round((r.down_minutes / allowed) * 100, 2),
    by_region: r.by_region.map((b) => ({
      region: b.region,
      measured_percent: b.measured_percent,
      down_minutes: round(b.down_minutes, 3),
    })),
  };
}

/** Minutes of `[start, end)` in which no observation at all was made. */
export function noDataMinutes(obs: readonly Observation[], start: number, end: number): number {
  const n = Math.ceil((end - start) / MINUTE);
  const seen = new Uint8Array(n);
  let covered = 0;
  for (const o of obs) {
    const i = Math.floor((o.t - start) / MINUTE);
    if (i >= 0 && i < n && seen[i] === 0) {
      seen[i] = 1;
      covered++;
    }
  }
  return n - covered;
}

async function vendorProbeIds(db: Db, workspaceId: string, vendorId: string | null): Promise<string[]> {
  if (!vendorId) return [];
  const rows = await db
    .selectFrom("probes")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("vendor_id", "=", vendorId)
    .execute();
  return rows.map((r) => r.id);
}

/** Observations (sorted by time) in `[start, end)`. */
function slice(obs: readonly Observation[], start: number, end: number): Observation[] {
  return obs.slice(lowerBound(obs, start), lowerBound(obs, end));
}

function lowerBound(obs: readonly Observation[], t: number): number {
  let lo = 0;
  let hi = obs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (obs[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
