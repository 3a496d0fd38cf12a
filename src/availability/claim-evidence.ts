import type { AvailabilityReport } from "./compute-availability.js";
import type { Observation } from "./observation.js";
import { formatInstant, MINUTE_MS } from "./period.js";

/** One minute of an outage run with what was observed in it: the rows of the evidence CSV. */
export interface EvidenceMinute {
  /** 1-based number of the outage run (as listed in the letter). */
  run: number;
  start: string;
  end: string;
  requests: number;
  failures: number;
  /** Failure statuses with counts, e.g. `503×4 none×1` ("none" = no answer). */
  failure_statuses: string;
  regions: string[];
  sources: string[];
  /** Samples in the minute that are not evidence (guard-refused, our side's errors). */
  no_data_samples: number;
}

/**
 * The per-minute evidence behind each outage run, from the same observations the formula counted.
 * Minutes are cut from the run's start, so a run of 5-minute slots gives five rows per slot.
 */
export function evidenceMinutes(
  report: Pick<AvailabilityReport, "down_runs" | "period">,
  observations: readonly Observation[],
): EvidenceMinute[] {
  const tz = report.period.timezone;
  const runs = report.down_runs.map((r) => ({ start: Date.parse(r.start), end: Date.parse(r.end) }));
  const rows: (EvidenceMinute & { statuses: Map<string, number>; t: number })[] = [];
  const index = new Map<number, number>();
  runs.forEach((r, i) => {
    for (let t = r.start; t < r.end; t += MINUTE_MS) {
      index.set(t, rows.length);
      rows.push({
        run: i + 1,
        t,
        start: formatInstant(t, tz),
        end: formatInstant(Math.min(t + MINUTE_MS, r.end), tz),
        requests: 0,
        failures: 0,
        failure_statuses: "",
        regions: [],
        sources: [],
        no_data_samples: 0,
        statuses: new Map(),
      });
    }
  });
  if (rows.length === 0) return [];
  const origin = runs[0].start;
  for (const o of observations) {
    // runs start on minute boundaries of the period, so the minute is found by offset from the first
    const key = origin + Math.floor((o.t - origin) / MINUTE_MS) * MINUTE_MS;
    const at = index.get(key);
    if (at === undefined) continue;
    const row = rows[at];
    if (o.no_data) {
      row.no_data_samples += 1;
      continue;
    }
    row.requests += 1;
    if (!o.ok) {
      row.failures += 1;
      const status = o.status == null || o.status === 0 ? "none" : String(o.status);
      row.statuses.set(status, (row.statuses.get(status) ?? 0) + 1);
    }
    if (o.region && !row.regions.includes(o.region)) row.regions.push(o.region);
    if (!row.sources.includes(o.source)) row.sources.push(o.source);
  }
  return rows.map(({ statuses, t: _t, ...row }) => ({
    ...row,
    failure_statuses: [...statuses]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([s, n]) => `${s}×${n}`)
      .join(" "),
    regions: row.regions.sort(),
    sources: row.sources.sort(),
  }));
}

const HEADER = [
  "run",
  "minute_start",
  "minute_end",
  "requests",
  "failures",
  "failure_statuses",
  "regions",
  "sources",
  "no_data_samples",
];

/** RFC 4180 cell: quoted when it holds a comma, quote or line break; formula-leading cells defused. */
function cell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The evidence minutes as CSV (the claim letter's attachment). */
export function evidenceCsv(rows: readonly EvidenceMinute[]): string {
  const lines = [HEADER.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.run,
        r.start,
        r.end,
        r.requests,
        r.failures,
        r.failure_statuses,
        r.regions.join(" "),
        r.sources.join(" "),
        r.no_data_samples,
      ]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
