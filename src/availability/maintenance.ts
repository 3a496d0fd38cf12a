import { InputError } from "../errors/index.js";
import { MINUTE_MS, type Period } from "./period.js";

/** A maintenance window the vendor announced: when it runs and when the notice was given. */
export interface MaintenanceNotice {
  title?: string | null;
  start: string | Date;
  end: string | Date;
  announced_at: string | Date;
}

export interface MaintenanceWindow {
  title: string | null;
  start: number;
  end: number;
  announced_at: number;
  notice_hours_given: number;
  notice_hours_required: number | null;
  /** Excluded from the measured time: announced with enough notice. */
  excluded: boolean;
  /** Announced later than the contract requires (or after it started): counted as downtime. */
  late: boolean;
  minutes_in_period: number;
}

export interface Interval {
  start: number;
  end: number;
}

export interface MaintenanceOutcome {
  windows: MaintenanceWindow[];
  /** Merged, clipped to the period. */
  excluded: Interval[];
  excluded_minutes: number;
}

const instant = (value: string | Date, field: string): number => {
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(t)) throw new InputError(`maintenance.${field}`, `${JSON.stringify(value)} is not a date`);
  return t;
};

/**
 * Splits announced maintenance into excluded windows (notice ≥ the contract's `notice_hours`) and
 * late ones (flagged, not excluded). With `notice_hours` null the contract commits to no notice
 * period, so any window announced before it starts is excluded. `excludable: false` (terms that do
 * not exclude maintenance) keeps every window in the measured time.
 */
export function classifyMaintenance(
  notices: MaintenanceNotice[],
  opts: { period: Period; noticeHours: number | null; excludable?: boolean },
): MaintenanceOutcome {
  const { period, noticeHours } = opts;
  const windows: MaintenanceWindow[] = notices.map((n, i) => {
    const start = instant(n.start, `${i}.start`);
    const end = instant(n.end, `${i}.end`);
    if (end <= start) throw new InputError(`maintenance.${i}`, "end must be after start");
    const announced = instant(n.announced_at, `${i}.announced_at`);
    const given = (start - announced) / 3_600_000;
    const late = noticeHours == null ? given <= 0 : given < noticeHours;
    const clippedStart = Math.max(start, period.start);
    const clippedEnd = Math.min(end, period.end);
    return {
      title: n.title ?? null,
      start,
      end,
      announced_at: announced,
      notice_hours_given: Math.round(given * 100) / 100,
      notice_hours_required: noticeHours,
      excluded: !late && opts.excludable !== false,
      late,
      minutes_in_period: Math.max(0, Math.round((clippedEnd - clippedStart) / MINUTE_MS)),
    };
  });
  const excluded = mergeIntervals(
    windows
      .filter((w) => w.excluded)
      .map((w) => ({ start: Math.max(w.start, period.start), end: Math.min(w.end, period.end) }))
      .filter((w) => w.end > w.start),
  );
  const excludedMs = excluded.reduce((sum, w) => sum + (w.end - w.start), 0);
  return { windows, excluded, excluded_minutes: Math.round(excludedMs / MINUTE_MS) };
}

export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else out.push({ ...iv });
  }
  return out;
}

/** Milliseconds of `[start, end)` covered by the (merged) intervals. */
export function overlapMs(start: number, end: number, intervals: Interval[]): number {
  let total = 0;
  for (const iv of intervals) {
    const a = Math.max(start, iv.start);
    const b = Math.min(end, iv.end);
    if (b > a) total += b - a;
  }
  return total;
}
