import { Temporal } from "temporal-polyfill";
import { InputError } from "../errors/index.js";

export type PeriodKind = "month" | "quarter" | "half" | "year" | "range";

/** A report period as local dates in the contract's zone: `[from, to)`, and the months it spans. */
export interface ReportPeriod {
  label: string;
  kind: PeriodKind;
  /** First local date (inclusive), YYYY-MM-DD. */
  from: string;
  /** Day after the last local date (exclusive), YYYY-MM-DD. */
  to: string;
  /** The calendar months (YYYY-MM) the period overlaps, in order. */
  months: string[];
}

const PD = Temporal.PlainDate;

/**
 * Reads a period label: `2026-10` (month), `2026-Q4`, `2026-H2`, `2026` (year) or a custom range
 * `2026-10-01..2026-11-15` (both dates included).
 */
export function parseReportPeriod(label: string): ReportPeriod {
  const text = label.trim();
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw bad(label);
    return span(text, "month", PD.from({ year: Number(m[1]), month, day: 1 }), { months: 1 });
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) {
    const start = PD.from({ year: Number(m[1]), month: (Number(m[2]) - 1) * 3 + 1, day: 1 });
    return span(`${m[1]}-Q${m[2]}`, "quarter", start, { months: 3 });
  }
  m = /^(\d{4})-H([12])$/i.exec(text);
  if (m) {
    const start = PD.from({ year: Number(m[1]), month: m[2] === "1" ? 1 : 7, day: 1 });
    return span(`${m[1]}-H${m[2]}`, "half", start, { months: 6 });
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return span(text, "year", PD.from({ year: Number(m[1]), month: 1, day: 1 }), { years: 1 });
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) {
    let a: Temporal.PlainDate;
    let b: Temporal.PlainDate;
    try {
      a = PD.from(m[1], { overflow: "reject" });
      b = PD.from(m[2], { overflow: "reject" });
    } catch {
      throw new InputError("period", `"${label}": not real dates`);
    }
    if (PD.compare(a, b) > 0)
      throw new InputError("period", `"${label}": the first date is after the second`);
    if (a.until(b).total({ unit: "days" }) > 366)
      throw new InputError("period", `"${label}": a custom range is at most 366 days`);
    return build(text, "range", a, b.add({ days: 1 }));
  }
  throw bad(label);
}

/** The period just before: the previous month/quarter/half/year, or a range of the same length. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const from = PD.from(p.from);
  switch (p.kind) {
    case "month":
      return parseReportPeriod(from.subtract({ months: 1 }).toString().slice(0, 7));
    case "quarter": {
      const s = from.subtract({ months: 3 });
      return parseReportPeriod(`${s.year}-Q${(s.month - 1) / 3 + 1}`);
    }
    case "half": {
      const s = from.subtract({ months: 6 });
      return parseReportPeriod(`${s.year}-H${s.month === 1 ? 1 : 2}`);
    }
    case "year":
      return parseReportPeriod(String(from.year - 1));
    case "range": {
      const days = from.until(PD.from(p.to)).total({ unit: "days" });
      const start = from.subtract({ days });
      return parseReportPeriod(`${start}..${from.subtract({ days: 1 })}`);
    }
  }
}

/** The local dates of a period, in order. */
export function periodDays(p: ReportPeriod): string[] {
  const out: string[] = [];
  const end = PD.from(p.to);
  for (let d = PD.from(p.from); PD.compare(d, end) < 0; d = d.add({ days: 1 })) out.push(d.toString());
  return out;
}

function span(label: string, kind: PeriodKind, start: Temporal.PlainDate, len: Temporal.DurationLike) {
  return build(label, kind, start, start.add(len));
}

function build(label: string, kind: PeriodKind, a: Temporal.PlainDate, b: Temporal.PlainDate): ReportPeriod {
  const months: string[] = [];
  for (let d = a.with({ day: 1 }); PD.compare(d, b) < 0; d = d.add({ months: 1 }))
    months.push(d.toString().slice(0, 7));
  return { label, kind, from: a.toString(), to: b.toString(), months };
}

function bad(label: string) {
  return new InputError(
    "period",
    `"${label}" must be YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM-DD..YYYY-MM-DD`,
  );
}

/** Epoch ms of a local date's midnight in `timezone`. */
export function localMidnight(date: string, timezone: string): number {
  return PD.from(date).toZonedDateTime({ timeZone: timezone }).epochMilliseconds;
}
