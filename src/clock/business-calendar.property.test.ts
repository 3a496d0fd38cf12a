import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "./business-calendar.js";
import { parseCalendar } from "./calendar-schema.js";

/**
 * Oracle: a deliberately naive model that converts each day's wall-clock shifts with Temporal
 * directly and walks time minute by minute. It shares no code with the interval engine.
 */
const MIN = 60_000;
const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "Asia/Shanghai",
  "UTC",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
];

interface RawCalendar {
  timezone: string;
  hours: Record<string, string[]>;
  holidays: string[];
  workdays: { date: string; hours: string[] }[];
}

function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Sorted, non-overlapping shifts on a 30-minute grid (hits DST edges often); maybe one overnight. */
const dayHours = fc
  .record({
    // half the cut points fall in 01:00-03:00, where the DST gaps and repeats are
    cuts: fc.uniqueArray(fc.oneof(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 48 })), {
      maxLength: 4,
    }),
    overnightEnd: fc.option(fc.integer({ min: 1, max: 47 }), { nil: undefined }),
  })
  .map(({ cuts, overnightEnd }) => {
    const points = [...cuts].sort((a, b) => a - b).map((c) => c * 30);
    const out: string[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) out.push(`${hhmm(points[i])}-${hhmm(points[i + 1])}`);
    if (overnightEnd !== undefined && points.length % 2 === 1 && points[points.length - 1] < 1440) {
      const start = points[points.length - 1];
      const end = (overnightEnd * 30) % 1440;
      if (end < start) out.push(`${hhmm(start)}-${hhmm(end)}`);
    }
    return out;
  });

/** 2025 DST changes: US Mar 9 / Nov 2, EU Mar 30 / Oct 26, AU (and Lord Howe) Apr 6 / Oct 5. */
const TRANSITION_DAYS = [
  [2, 9],
  [2, 30],
  [3, 6],
  [9, 5],
  [9, 26],
  [10, 2],
].map(([m, d]) => Date.UTC(2025, m, d));
const aroundTransition = fc
  .tuple(fc.constantFrom(...TRANSITION_DAYS), fc.integer({ min: -3 * 1440, max: 1440 }))
  .map(([day, minutes]) => day + minutes * MIN);
const windowDay = aroundTransition.map((t) => new Date(Math.floor(t / 86_400_000) * 86_400_000));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const calendarArb: fc.Arbitrary<RawCalendar> = fc.record({
  timezone: fc.constantFrom(...ZONES),
  hours: fc.record(
    Object.fromEntries(DAY_NAMES.map((d) => [d, dayHours])) as Record<string, typeof dayHours>,
  ),
  holidays: fc.uniqueArray(windowDay.map(isoDay), { maxLength: 6 }),
  workdays: fc.uniqueArray(
    fc.record({ date: windowDay.map(isoDay), hours: dayHours.filter((h) => h.length > 0) }),
    { maxLength: 4, selector: (w) => w.date },
  ),
});

function oracle(raw: RawCalendar) {
  const cache = new Map<number, [number, number][]>();
  const parse = (s: string) => {
    const [a, b] = s.split("-").map((t) => {
      const [h, m] = t.split(":").map(Number);
      return h * 60 + m;
    });
    return [a, b <= a ? b + 1440 : b] as const;
  };
  const toInstant = (day: number, minutes: number) => {
    const d = new Date(day * 86_400_000);
    return Temporal.PlainDateTime.from({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
    })
      .add({ minutes })
      .toZonedDateTime(raw.timezone, { disambiguation: "compatible" }).epochMilliseconds;
  };
  const shifts = (day: number) => {
    let s = cache.get(day);
    if (s) return s;
    const date = isoDay(new Date(day * 86_400_000));
    const extra = raw.workdays.find((w) => w.date === date);
    const weekday = (new Date(day * 86_400_000).getUTCDay() + 6) % 7;
    const hours = extra ? extra.hours : raw.holidays.includes(date) ? [] : raw.hours[DAY_NAMES[weekday]];
    s = hours.map((h) => {
      const [a, b] = parse(h);
      return [toInstant(day, a), toInstant(day, b)] as [number, number];
    });
    cache.set(day, s);
    return s;
  };
  const open = (t: number) => {
    const d = Math.floor(t / 86_400_000);
    for (let day = d - 2; day <= d + 1; day++) {
      for (const [a, b] of shifts(day)) if (a <= t && t < b) return true;
    }
    return false;
  };
  return {
    open,
    add(from: number, n: number): number | null {
      let t = from;
      const limit = from + 120 * 86_400_000;
      if (n === 0) {
        while (!open(t)) {
          t += MIN;
          if (t > limit) return null;
        }
        return t;
      }
      for (let count = 0; t < limit; t += MIN) {
        if (open(t) && ++count === n) return t + MIN;
      }
      return null;
    },
    nextClose(from: number): number | null {
      const start = this.add(from, 0);
      if (start === null) return null;
      for (let t = start; t < start + 120 * 86_400_000; t += MIN) if (!open(t)) return t;
      return null;
    },
    between(from: number, to: number): number {
      let count = 0;
      for (let t = from; t < to; t += MIN) if (open(t)) count++;
      return count;
    },
  };
}

const startArb = aroundTransition;

describe("business calendar against a minute-stepping oracle", () => {
  it("add and between agree with the oracle; isOpen matches minute by minute", () => {
    fc.assert(
      fc.property(
        calendarArb,
        startArb,
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 4000 }),
        (raw, from, n, span) => {
          const cal = compileCalendar(parseCalendar(raw, "random"));
          const o = oracle(raw);
          const expected = o.add(from, n);
          fc.pre(expected !== null);
          expect(cal.add(new Date(from), n).getTime()).toBe(expected);
          expect(cal.between(new Date(from), new Date(from + span * MIN))).toBe(
            o.between(from, from + span * MIN),
          );
          expect(cal.isOpen(new Date(from))).toBe(o.open(from));
          const close = o.nextClose(from);
          if (close !== null) expect(cal.nextClose(new Date(from)).getTime()).toBe(close);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("between(from, add(from, n)) === n, also from instants with seconds", () => {
    fc.assert(
      fc.property(
        calendarArb,
        startArb,
        fc.integer({ min: 0, max: 59_999 }),
        fc.integer({ min: 0, max: 5000 }),
        (raw, from, ms, n) => {
          const cal = compileCalendar(parseCalendar(raw, "random"));
          fc.pre(Object.values(raw.hours).some((h) => h.length > 0));
          const start = new Date(from + ms);
          const end = cal.add(start, n);
          expect(cal.between(start, end)).toBe(n);
          expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });
});
