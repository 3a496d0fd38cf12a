import { Temporal } from "temporal-polyfill";
import type { z } from "zod";
import { isBusinessDay } from "../availability/index.js";
import { type BusinessCalendar, compileCalendar, parseCalendar } from "../clock/index.js";
import { requireRole, type Verb } from "../context/index.js";
import { InputError, NotFoundError } from "../errors/index.js";
import { ContractDates, type ContractDatesInput, type DayCount } from "../terms/index.js";

export { ContractDates, type ContractDatesInput, DayCount } from "../terms/index.js";

export interface ContractDeadline {
  kind: "term_end" | "renewal_notice" | "renewal" | "price_change_notice" | "data_export";
  /** Local date in the contract calendar's zone (UTC without a calendar); null when it cannot be computed. */
  date: string | null;
  rule: string;
  /** Calendar days from today (negative: passed); null when date is null. */
  days_left: number | null;
  /** Why `date` is null. */
  unknown_reason: string | null;
}

export interface ContractDeadlines {
  contract_id: string;
  timezone: string;
  term: { start: string | null; end: string | null };
  deadlines: ContractDeadline[];
}

type Day = Temporal.PlainDate;

function unitWord(c: DayCount): string {
  return c.unit === "business_days" ? "business days" : "calendar days";
}

/** The date `count` days before (sign -1) or after (+1) `from`; business days need a calendar. */
export function shiftDays(
  from: Day,
  count: DayCount,
  sign: 1 | -1,
  calendar: BusinessCalendar | null,
  tz: string,
): Day | null {
  if (count.unit === "calendar_days") return from.add({ days: sign * count.amount });
  if (!calendar) return null;
  let day = from;
  for (let seen = 0, guard = 0; seen < count.amount; guard++) {
    if (guard > 4000)
      throw new InputError("calendar", `no ${count.amount} business days within ten years of ${from}`);
    day = day.add({ days: sign });
    if (isBusinessDay(day, calendar, tz)) seen++;
  }
  return day;
}

/**
 * Deadlines of one contract: term end, the last day to give notice of non-renewal, the renewal
 * date, the latest a price change for the renewal may be announced, and the data export deadline
 * after termination. A notice of N business days counts N business days back from the day the term
 * ends (that day not counted), on the contract's own calendar; without one the date is null.
 */
export function computeContractDeadlines(
  input: {
    contractId: string;
    termStart: string | null;
    termEnd: string | null;
    dates: z.infer<typeof ContractDates>;
    exportDays: number | null;
    calendar: BusinessCalendar | null;
  },
  now: Date,
): ContractDeadlines {
  const tz = input.calendar?.timezone ?? "UTC";
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(tz).toPlainDate();
  const start = input.dates.term_start ?? input.termStart;
  const end = input.dates.term_end ?? input.termEnd;
  const out: ContractDeadline[] = [];
  const push = (
    kind: ContractDeadline["kind"],
    date: Day | null,
    rule: string,
    unknown: string | null = null,
  ) =>
    out.push({
      kind,
      date: date?.toString() ?? null,
      rule,
      days_left: date ? today.until(date, { largestUnit: "days" }).days : null,
      unknown_reason: date ? null : unknown,
    });
  const noCalendar = "business days need a business calendar on the contract (terms calendar)";
  const endDay = end ? Temporal.PlainDate.from(end) : null;
  if (!endDay) {
    push("term_end", null, "the contract's end date", "the contract has no end date");
  } else {
    push("term_end", endDay, "the contract's end date");
    const renewal = input.dates.auto_renewal;
    if (renewal) {
      push(
        "renewal_notice",
        shiftDays(endDay, renewal.notice, -1, input.calendar, tz),
        `non-renewal notice ${renewal.notice.amount} ${unitWord(renewal.notice)} before ${endDay}`,
        noCalendar,
      );
      push(
        "renewal",
        endDay.add({ days: 1 }),
        `renews for ${renewal.renewal_months} months unless notice is given`,
      );
      const price = input.dates.price_change_notice;
      if (price)
        push(
          "price_change_notice",
          shiftDays(endDay.add({ days: 1 }), price, -1, input.calendar, tz),
          `a price change at renewal must be announced ${price.amount} ${unitWord(price)} before it`,
          noCalendar,
        );
    }
    const exportCount =
      input.dates.data_export_after_termination ??
      (input.exportDays !== null ? { amount: input.exportDays, unit: "calendar_days" as const } : null);
    if (exportCount)
      push(
        "data_export",
        shiftDays(endDay, exportCount, 1, input.calendar, tz),
        `data export ${exportCount.amount} ${unitWord(exportCount)} after termination on ${endDay}`,
        noCalendar,
      );
    else
      push(
        "data_export",
        null,
        "data export window after termination",
        "neither the contract's terms nor the input state an export window",
      );
  }
  return { contract_id: input.contractId, timezone: tz, term: { start, end }, deadlines: out };
}

/** Computed deadlines of a stored contract (its dates, calendar and data-exit window, plus the given dated clauses). */
export const contractDeadlines: Verb<
  { contract_id: string; dates?: ContractDatesInput },
  ContractDeadlines
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  // bad input is refused before anything is looked up
  const given = input.dates === undefined ? null : ContractDates.safeParse(input.dates);
  if (given && !given.success) {
    const issue = given.error.issues[0];
    throw new InputError(`body.dates.${issue?.path.join(".")}`, (issue?.message ?? "invalid").toLowerCase());
  }
  const row = await ctx.db
    .selectFrom("contracts")
    .select(["id", "name", "terms", "valid_from", "valid_to"])
    .where("workspace_id", "=", ws)
    .where("id", "=", input.contract_id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("contract", input.contract_id);
  const terms = (row.terms ?? {}) as {
    calendar?: unknown;
    dates?: unknown;
    commitments?: { data_exit?: { export_days?: number | null } | null };
  };
  // the given dated clauses, else those of the contract's terms (`dates:`)
  const parsed = given ?? ContractDates.safeParse(terms.dates ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`terms.dates.${issue?.path.join(".")}`, (issue?.message ?? "invalid").toLowerCase());
  }
  const calendar = terms.calendar
    ? compileCalendar(parseCalendar(terms.calendar, `${row.name}: calendar`))
    : null;
  return computeContractDeadlines(
    {
      contractId: row.id,
      termStart: row.valid_from,
      termEnd: row.valid_to,
      dates: parsed.data,
      exportDays: terms.commitments?.data_exit?.export_days ?? null,
      calendar,
    },
    ctx.now,
  );
};
