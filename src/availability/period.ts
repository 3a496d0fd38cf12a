import { Temporal } from "temporal-polyfill";
import { InputError } from "../errors/index.js";

/** A measurement window in real time, `[start, end)`, with the zone it was cut in. */
export interface Period {
  label: string;
  timezone: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** Real elapsed minutes (a DST month is an hour shorter or longer than its days × 1440). */
  minutes: number;
}

export const MINUTE_MS = 60_000;

/** The calendar month `YYYY-MM` in the contract's time zone. */
export function monthPeriod(label: string, timezone: string): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new InputError("period", `"${label}" must be YYYY-MM`);
  const first = Temporal.PlainDate.from({ year: Number(match[1]), month, day: 1 });
  return windowPeriod(label, first, first.add({ months: 1 }), timezone);
}

/**
 * A window between two local dates (a service month that starts on the purchase day, a quarter):
 * from `from` 00:00 to `to` 00:00 in `timezone`.
 */
export function datePeriod(label: string, from: string, to: string, timezone: string): Period {
  let a: Temporal.PlainDate;
  let b: Temporal.PlainDate;
  try {
    a = Temporal.PlainDate.from(from);
    b = Temporal.PlainDate.from(to);
  } catch {
    throw new InputError("period", `"${from}".."${to}" are not dates`);
  }
  if (Temporal.PlainDate.compare(a, b) >= 0)
    throw new InputError("period", `"${from}" must be before "${to}"`);
  return windowPeriod(label, a, b, timezone);
}

function windowPeriod(label: string, a: Temporal.PlainDate, b: Temporal.PlainDate, timezone: string): Period {
  let start: number;
  let end: number;
  try {
    start = a.toZonedDateTime({ timeZone: timezone }).epochMilliseconds;
    end = b.toZonedDateTime({ timeZone: timezone }).epochMilliseconds;
  } catch {
    throw new InputError("timezone", `"${timezone}" is not an IANA time zone`);
  }
  return { label, timezone, start, end, minutes: Math.round((end - start) / MINUTE_MS) };
}

/** ISO 8601 with the zone's UTC offset, e.g. `2026-10-01T00:05:00+08:00`. */
export function formatInstant(ms: number, timezone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(timezone)
    .toString({ timeZoneName: "never", smallestUnit: "second" });
}

/** The period after this one (`2026-10` → `2026-11`), for claim windows that open "next month". */
export function nextMonthStart(period: Period): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(period.end).toZonedDateTimeISO(period.timezone).toPlainDate();
}
