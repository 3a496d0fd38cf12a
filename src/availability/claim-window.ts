import { Temporal } from "temporal-polyfill";
import { InputError } from "../errors/index.js";
import type { Period } from "./period.js";
import type { ClaimRule } from "./vendor-formula.js";

/** The part of a `BusinessCalendar` (src/clock) the claim window needs. */
export interface DayCalendar {
  nextOpen(at: Date): Date;
}

/**
 * The terms' own claim clause (`credits.claim_window` of a review): how long and from what.
 * "故障发生后30日内" is `{ amount: 30, unit: calendar_days, from: incident }`.
 */
export interface ClaimClause {
  amount: number;
  unit: "calendar_days" | "business_days" | "months";
  from: "incident" | "period_end" | "invoice" | null;
}

export interface ClaimWindowInput {
  period: Period;
  rule: ClaimRule | null;
  /** The contract's `credits.claim_deadline_days`: overrides the rule's length when set. */
  claim_deadline_days?: number | null;
  /** The contract's claim clause: when set it decides the basis (unit and start) over the vendor's rule. */
  clause?: ClaimClause | null;
  /** Starts of the period's outages (epoch ms), for a window counted from the incident. */
  incidents?: readonly number[];
  /** Business calendar of the contract's region (needed for "Nth business day" and `file_by`). */
  calendar?: DayCalendar | null;
  now?: Date;
}

export type ClaimBasis = "opens" | "period_end" | "incident" | "invoice";

export interface ClaimWindow {
  /** First local date a claim is accepted; null when unknown. */
  opens: string | null;
  /**
   * Last local date a claim is accepted (counted conservatively: the end day is not included); for a
   * window counted from the incident, the earliest outage's. Null when unknown (see `unknown`).
   */
  deadline: string | null;
  /** The last business day on or before the deadline; null without a calendar. */
  file_by: string | null;
  /** The deadline falls on a weekend or official holiday (e.g. China's National Day week). */
  deadline_on_non_business_day: boolean | null;
  length: { days: number } | { business_days: number } | { months: number };
  counted_from: ClaimBasis;
  /** Where the basis came from: the contract's clause, its `claim_deadline_days`, or the vendor's published rule. */
  basis_source: "contract_clause" | "contract_days" | "vendor_rule";
  /** One deadline per outage when the window is counted from the incident. */
  incidents: { start: string; deadline: string | null }[];
  /** Whole days left until the deadline at `now`; negative once it has passed. */
  days_left: number | null;
  /** Why the deadline is not known, e.g. "no holiday data for 2027"; null when it is. */
  unknown: string | null;
  /** Why `file_by` is not known while the deadline is (calendar days ending in a year without holiday data). */
  file_by_unknown: string | null;
}

/**
 * When the buyer can and must claim: e.g. TRTC opens on the 5th business day of the next month and
 * stays open 60 days; AWS and Azure until the end of the second month after the period; a clause
 * "故障发生后30日内" 30 days from each outage. Missing holiday data makes the deadline unknown,
 * never the whole computation fail.
 */
export function computeClaimWindow(input: ClaimWindowInput): ClaimWindow | null {
  const { period, rule } = input;
  const clause = input.clause ?? null;
  const contractDays = input.claim_deadline_days ?? null;
  let length: ClaimWindow["length"];
  let source: ClaimWindow["basis_source"];
  if (clause) {
    length =
      clause.unit === "months"
        ? { months: clause.amount }
        : clause.unit === "business_days"
          ? { business_days: clause.amount }
          : { days: clause.amount };
    source = "contract_clause";
  } else if (contractDays != null) {
    length = { days: contractDays };
    source = "contract_days";
  } else if (rule?.within_days != null) {
    length = { days: rule.within_days };
    source = "vendor_rule";
  } else if (rule?.within_months != null) {
    length = { months: rule.within_months };
    source = "vendor_rule";
  } else return null;
  const tz = period.timezone;
  const periodEnd = Temporal.Instant.fromEpochMilliseconds(period.end).toZonedDateTimeISO(tz);
  const needsCalendar = !!rule?.opens || "business_days" in length;
  if (needsCalendar && !input.calendar)
    throw new InputError("claim", "counting business days needs the contract's business calendar");
  const calendar = input.calendar ?? null;
  const counted: ClaimBasis =
    clause?.from === "incident"
      ? "incident"
      : clause?.from === "invoice"
        ? "invoice"
        : rule?.opens && rule.counted_from === "opens"
          ? "opens"
          : "period_end";
  const window: ClaimWindow = {
    opens: null,
    deadline: null,
    file_by: null,
    deadline_on_non_business_day: null,
    length,
    counted_from: counted,
    basis_source: source,
    incidents: [],
    days_left: null,
    unknown: null,
    file_by_unknown: null,
  };
  try {
    let opens = periodEnd.toPlainDate();
    if (rule?.opens && calendar)
      opens = nthBusinessDay(opens.toPlainYearMonth(), rule.opens.business_day_of_next_month, calendar, tz);
    window.opens = opens.toString();
    let deadline: Temporal.PlainDate | null = null;
    if (counted === "incident") {
      const starts = [...(input.incidents ?? [])].sort((a, b) => a - b);
      window.incidents = starts.map((t) => {
        const day = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(tz).toPlainDate();
        return { start: day.toString(), deadline: addLength(day, length, calendar, tz).toString() };
      });
      deadline = window.incidents[0] ? Temporal.PlainDate.from(window.incidents[0].deadline as string) : null;
      if (!deadline) window.unknown = "no outage in the period to count from";
    } else if (counted === "invoice") {
      window.unknown = "counted from the invoice date, which is not recorded";
    } else {
      deadline = addLength(counted === "opens" ? opens : periodEnd.toPlainDate(), length, calendar, tz);
    }
    if (deadline) {
      window.deadline = deadline.toString();
      if (calendar) {
        try {
          let fileBy = deadline;
          while (!isBusinessDay(fileBy, calendar, tz)) fileBy = fileBy.subtract({ days: 1 });
          window.file_by = fileBy.toString();
          window.deadline_on_non_business_day = !fileBy.equals(deadline);
        } catch (err) {
          // the deadline in calendar days stands; only "is it a business day" is unknown
          window.file_by_unknown = calendarGap(err);
          if (window.file_by_unknown == null) throw err;
        }
      }
      if (input.now) {
        const today = Temporal.Instant.fromEpochMilliseconds(input.now.getTime())
          .toZonedDateTimeISO(tz)
          .toPlainDate();
        window.days_left = today.until(Temporal.PlainDate.from(window.file_by ?? window.deadline)).days;
      }
    }
  } catch (err) {
    const reason = calendarGap(err);
    if (reason == null) throw err;
    return { ...window, deadline: null, file_by: null, deadline_on_non_business_day: null, unknown: reason };
  }
  return window;
}

/** A missing year of official holiday data, as a short reason; null for any other error. */
function calendarGap(err: unknown): string | null {
  if (!(err instanceof InputError)) return null;
  const year = /no official holiday data for (\d{4})/.exec(err.message)?.[1];
  if (year) return `no holiday data for ${year}`;
  return /business day after/.test(err.message) ? err.message : null;
}

/**
 * The last day of a window of `length` starting on `from` (00:00 local): calendar days and months
 * exclude their end day (conservative); business days end on the Nth business day after `from`.
 */
function addLength(
  from: Temporal.PlainDate,
  length: ClaimWindow["length"],
  calendar: DayCalendar | null,
  tz: string,
): Temporal.PlainDate {
  if ("business_days" in length) {
    let day = from;
    for (let seen = 0, guard = 0; seen < length.business_days; guard++) {
      if (guard > 3660) throw new InputError("claim", "the calendar has no business days");
      day = day.add({ days: 1 });
      if (isBusinessDay(day, calendar as DayCalendar, tz)) seen++;
    }
    return day;
  }
  const base = from.toZonedDateTime({ timeZone: tz });
  const end = "days" in length ? base.add({ days: length.days }) : base.add({ months: length.months });
  return end.subtract({ nanoseconds: 1 }).toPlainDate();
}

/** A local date is a business day when the calendar opens at some time during it. */
export function isBusinessDay(date: Temporal.PlainDate, calendar: DayCalendar, tz: string): boolean {
  const start = date.toZonedDateTime({ timeZone: tz });
  const next = date.add({ days: 1 }).toZonedDateTime({ timeZone: tz });
  return calendar.nextOpen(new Date(start.epochMilliseconds)).getTime() < next.epochMilliseconds;
}

function nthBusinessDay(
  month: Temporal.PlainYearMonth,
  n: number,
  calendar: DayCalendar,
  tz: string,
): Temporal.PlainDate {
  let day = month.toPlainDate({ day: 1 });
  let seen = 0;
  for (let guard = 0; guard < 400; guard++, day = day.add({ days: 1 })) {
    if (isBusinessDay(day, calendar, tz) && ++seen === n) return day;
  }
  throw new InputError("claim", `the calendar has no ${n}th business day after ${month.toString()}`);
}
