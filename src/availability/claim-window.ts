import { Temporal } from "temporal-polyfill";
import { InputError } from "../errors/index.js";
import type { Period } from "./period.js";
import type { ClaimRule } from "./vendor-formula.js";

/** The part of a `BusinessCalendar` (src/clock) the claim window needs. */
export interface DayCalendar {
  nextOpen(at: Date): Date;
}

export interface ClaimWindowInput {
  period: Period;
  rule: ClaimRule | null;
  /** The contract's `credits.claim_deadline_days`: overrides the rule's length when set. */
  claim_deadline_days?: number | null;
  /** Business calendar of the contract's region (needed for "Nth business day" and `file_by`). */
  calendar?: DayCalendar | null;
  now?: Date;
}

export interface ClaimWindow {
  /** First local date a claim is accepted. */
  opens: string;
  /** Last local date a claim is accepted (the window counted conservatively: the end day is not included). */
  deadline: string;
  /** The last business day on or before the deadline; null without a calendar. */
  file_by: string | null;
  /** The deadline falls on a weekend or official holiday (e.g. China's National Day week). */
  deadline_on_non_business_day: boolean | null;
  length: { days: number } | { months: number };
  counted_from: "opens" | "period_end";
  /** Whole days left until the deadline at `now`; negative once it has passed. */
  days_left: number | null;
}

/**
 * When the buyer can and must claim: e.g. TRTC opens on the 5th business day of the next month and
 * stays open 60 days; AWS and Azure until the end of the second month after the period.
 */
export function computeClaimWindow(input: ClaimWindowInput): ClaimWindow | null {
  const { period, rule } = input;
  const days = input.claim_deadline_days ?? rule?.within_days ?? null;
  const months = days == null ? (rule?.within_months ?? null) : null;
  if (days == null && months == null) return null;
  const tz = period.timezone;
  const periodEnd = Temporal.Instant.fromEpochMilliseconds(period.end).toZonedDateTimeISO(tz);
  let opens = periodEnd.toPlainDate();
  if (rule?.opens) {
    if (!input.calendar)
      throw new InputError("claim", "counting business days needs the contract's business calendar");
    opens = nthBusinessDay(
      opens.toPlainYearMonth(),
      rule.opens.business_day_of_next_month,
      input.calendar,
      tz,
    );
  }
  const countedFrom = rule?.opens && rule.counted_from === "opens" ? "opens" : "period_end";
  const base = countedFrom === "opens" ? opens.toZonedDateTime({ timeZone: tz }) : periodEnd;
  const end = days != null ? base.add({ days }) : base.add({ months: months as number });
  const deadline = end.subtract({ nanoseconds: 1 }).toPlainDate();
  let fileBy: Temporal.PlainDate | null = null;
  let onHoliday: boolean | null = null;
  if (input.calendar) {
    fileBy = deadline;
    while (!isBusinessDay(fileBy, input.calendar, tz)) fileBy = fileBy.subtract({ days: 1 });
    onHoliday = !fileBy.equals(deadline);
  }
  const now = input.now
    ? Temporal.Instant.fromEpochMilliseconds(input.now.getTime()).toZonedDateTimeISO(tz)
    : null;
  return {
    opens: opens.toString(),
    deadline: deadline.toString(),
    file_by: fileBy?.toString() ?? null,
    deadline_on_non_business_day: onHoliday,
    length: days != null ? { days } : { months: months as number },
    counted_from: countedFrom,
    days_left: now ? now.toPlainDate().until(fileBy ?? deadline).days : null,
  };
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
