import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { compileCalendar } from "./business-calendar.js";
import { loadCalendar, parseCalendar } from "./calendar-schema.js";
import { parseInstant } from "./instant.js";

const at = (iso: string) => parseInstant(iso, "test");
const WEEKDAYS_9_18 = {
  mon: ["09:00-18:00"],
  tue: ["09:00-18:00"],
  wed: ["09:00-18:00"],
  thu: ["09:00-18:00"],
  fri: ["09:00-18:00"],
};
const cal = (def: Record<string, unknown>) => compileCalendar(parseCalendar(def, "test.yaml"));
const cn = (extra: Record<string, unknown> = {}) =>
  cal({ timezone: "Asia/Shanghai", region: "CN", hours: WEEKDAYS_9_18, ...extra });

describe("China official schedule (region CN)", () => {
  it("P2 opened Fri 2025-01-24 18:30 with 4 business hours lands on the make-up Sunday 2025-01-26 13:00", () => {
    const c = cn();
    expect(c.format(c.add(at("2025-01-24T18:30:00+08:00"), 240))).toBe("2025-01-26T13:00:00+08:00");
  });
  it("counts the make-up Sunday: Fri 09:00 → Mon 09:00 is 1080 minutes", () => {
    expect(cn().between(at("2025-01-24T09:00:00+08:00"), at("2025-01-27T09:00:00+08:00"))).toBe(1080);
  });
  it("closes the Spring Festival (Jan 28 – Feb 4) and opens the make-up Saturday Feb 8", () => {
    const c = cn();
    expect(c.isOpen(at("2025-01-28T10:00:00+08:00"))).toBe(false);
    expect(c.isOpen(at("2025-02-04T10:00:00+08:00"))).toBe(false);
    expect(c.format(c.nextOpen(at("2025-01-27T18:00:00+08:00")))).toBe("2025-02-05T09:00:00+08:00");
    expect(c.isOpen(at("2025-02-08T10:00:00+08:00"))).toBe(true);
  });
  it("uses makeup_hours on a make-up workday when given", () => {
    const c = cn({ makeup_hours: ["10:00-12:00"] });
    expect(c.format(c.add(at("2025-01-24T18:30:00+08:00"), 60))).toBe("2025-01-26T11:00:00+08:00");
  });
  it("precedence: explicit workdays > explicit holidays > region schedule", () => {
    const c = cn({ holidays: ["2025-01-26"], workdays: [{ date: "2025-01-28", hours: ["09:00-10:00"] }] });
    expect(c.isOpen(at("2025-01-26T10:00:00+08:00"))).toBe(false);
    expect(c.isOpen(at("2025-01-28T09:30:00+08:00"))).toBe(true);
  });
  it("a date in a year without bundled data is an error naming the year", () => {
    const c = cn();
    expect(() => c.add(at("2031-03-03T10:00:00+08:00"), 60)).toThrow(/2031/);
    expect(() => c.isOpen(at("2018-06-04T10:00:00+08:00"))).toThrow(InputError);
  });
  it("a calendar without region works in any year", () => {
    const c = cal({ timezone: "Asia/Shanghai", hours: WEEKDAYS_9_18 });
    expect(c.format(c.add(at("2031-03-03T17:00:00+08:00"), 120))).toBe("2031-03-04T10:00:00+08:00");
  });
});

describe("contract rules (CONTRACTS §2)", () => {
  const c = cal({ timezone: "Asia/Shanghai", hours: WEEKDAYS_9_18 });
  const cases: [string, string, number, string][] = [
    [
      "deadline may land exactly on a closing time",
      "2026-03-02T17:00:00+08:00",
      60,
      "2026-03-02T18:00:00+08:00",
    ],
    [
      "at 18:00 the day is closed: N = 0 → next opening",
      "2026-03-02T18:00:00+08:00",
      0,
      "2026-03-03T09:00:00+08:00",
    ],
    ["N = 0 inside hours → the same instant", "2026-03-02T10:15:00+08:00", 0, "2026-03-02T10:15:00+08:00"],
    [
      "from outside hours counting starts at the next opening",
      "2026-03-06T20:00:00+08:00",
      30,
      "2026-03-09T09:30:00+08:00",
    ],
    ["at 09:00 the day is open", "2026-03-02T09:00:00+08:00", 1, "2026-03-02T09:01:00+08:00"],
    ["instants with seconds keep them", "2026-03-02T09:00:30+08:00", 1, "2026-03-02T09:01:30+08:00"],
  ];
  it.each(cases)("%s", (_name, from, minutes, expected) => {
    expect(c.format(c.add(at(from), minutes))).toBe(expected);
  });
  it("between counts [from, to) and rejects from > to", () => {
    expect(c.between(at("2026-03-02T17:00:00+08:00"), at("2026-03-03T10:00:00+08:00"))).toBe(120);
    expect(c.between(at("2026-03-02T10:00:00+08:00"), at("2026-03-02T10:00:00+08:00"))).toBe(0);
    expect(() => c.between(at("2026-03-03T10:00:00+08:00"), at("2026-03-02T10:00:00+08:00"))).toThrow(
      InputError,
    );
  });
  it("refuses spans of centuries instead of building them", () => {
    expect(() => c.between(at("1700-01-04T10:00:00+08:00"), at("2100-01-04T10:00:00+08:00"))).toThrow(
      InputError,
    );
  });
  it("negative minutes are an error", () => {
    expect(() => c.add(at("2026-03-02T10:00:00+08:00"), -5)).toThrow(InputError);
  });
  it("nextClose gives the end of the current or next interval", () => {
    expect(c.format(c.nextClose(at("2026-03-02T10:00:00+08:00")))).toBe("2026-03-02T18:00:00+08:00");
    expect(c.format(c.nextClose(at("2026-03-07T10:00:00+08:00")))).toBe("2026-03-09T18:00:00+08:00");
  });
  it("addBusinessDays ends at the close of the N-th following business day", () => {
    expect(c.format(c.addBusinessDays(at("2026-03-06T10:00:00+08:00"), 1))).toBe("2026-03-09T18:00:00+08:00");
    expect(c.format(c.addBusinessDays(at("2026-03-06T19:00:00+08:00"), 0))).toBe("2026-03-09T18:00:00+08:00");
  });
  it("a shift belongs to the day it starts on: a Sunday holiday cancels Sunday 22:00-06:00", () => {
    const night = cal({ timezone: "UTC", hours: { sun: ["22:00-06:00"] }, holidays: ["2026-03-08"] });
    expect(night.isOpen(at("2026-03-09T03:00:00Z"))).toBe(false);
    expect(night.isOpen(at("2026-03-16T03:00:00Z"))).toBe(true);
  });
  it("00:00-24:00 days join into one stretch", () => {
    const weekend = cal({ timezone: "UTC", hours: { sat: ["00:00-24:00"], sun: ["00:00-24:00"] } });
    expect(weekend.format(weekend.nextClose(at("2026-03-07T10:00:00Z")))).toBe("2026-03-09T00:00:00+00:00");
    expect(weekend.between(at("2026-03-06T00:00:00Z"), at("2026-03-10T00:00:00Z"))).toBe(2880);
  });
});

describe("daylight saving time: real elapsed time counts", () => {
  const night = (tz: string) => cal({ timezone: tz, hours: { sun: ["00:00-06:00"] } });
  const cases: [string, string, string, string, number][] = [
    [
      "New York spring forward skips an hour",
      "America/New_York",
      "2025-03-09T00:00:00-05:00",
      "2025-03-10T00:00:00-04:00",
      300,
    ],
    [
      "New York fall back repeats an hour",
      "America/New_York",
      "2025-11-02T00:00:00-04:00",
      "2025-11-03T00:00:00-05:00",
      420,
    ],
    ["London spring forward", "Europe/London", "2025-03-30T00:00:00Z", "2025-03-31T00:00:00+01:00", 300],
    ["London fall back", "Europe/London", "2025-10-26T00:00:00+01:00", "2025-10-27T00:00:00Z", 420],
    [
      "Sydney fall back (April)",
      "Australia/Sydney",
      "2025-04-06T00:00:00+11:00",
      "2025-04-07T00:00:00+10:00",
      420,
    ],
    [
      "Sydney spring forward (October)",
      "Australia/Sydney",
      "2025-10-05T00:00:00+10:00",
      "2025-10-06T00:00:00+11:00",
      300,
    ],
  ];
  it.each(cases)("%s", (_name, tz, from, to, minutes) => {
    expect(night(tz).between(at(from), at(to))).toBe(minutes);
  });
  it("output keeps the offset in force at the instant", () => {
    const ny = night("America/New_York");
    expect(ny.format(ny.add(at("2025-11-02T00:00:00-04:00"), 150))).toBe("2025-11-02T01:30:00-05:00");
  });
});

describe("known failures of public libraries", () => {
  it("moment-business-time #58: DST fall back in Amsterdam, +1 hour from 02:00+02:00 is 02:00+01:00", () => {
    const days = Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, ["00:00-10:00"]]),
    );
    const c = cal({ timezone: "Europe/Amsterdam", hours: days });
    expect(c.format(c.add(at("2022-10-30T02:00:00+02:00"), 60))).toBe("2022-10-30T02:00:00+01:00");
  });
  it("moment-business-time #52: hours ending 24:00 do not loop; 22:00 + 121 min → next day 16:01", () => {
    const late = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["16:00-24:00"]]));
    const c = cal({ timezone: "UTC", hours: late });
    expect(c.format(c.add(at("2022-03-23T22:00:00Z"), 121))).toBe("2022-03-24T16:01:00+00:00");
    // #59: a diff whose end falls on a closed Saturday
    expect(c.between(at("2022-03-25T22:00:00Z"), at("2022-03-26T12:00:00Z"))).toBe(120);
  });
  it("moment-business-time #34: noon to 4am next day", () => {
    const all = Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, ["12:00-04:00"]]),
    );
    const c = cal({ timezone: "UTC", hours: all });
    expect(c.isOpen(at("2018-10-22T03:00:00Z"))).toBe(true);
    expect(c.format(c.add(at("2018-10-22T03:00:00Z"), 90))).toBe("2018-10-22T12:30:00+00:00");
    expect(c.between(at("2018-10-22T12:00:00Z"), at("2018-10-23T12:00:00Z"))).toBe(960);
  });
});

describe("calendar validation", () => {
  const cases: [string, string, number | null][] = [
    ["end past 24:00", 'timezone: UTC\nhours:\n  sun: ["22:00-26:00"]\n', 3],
    ["hour 25", 'timezone: UTC\nhours:\n  mon:\n    - "09:00-12:00"\n    - "25:00-26:00"\n', 5],
    ["start = end", 'timezone: UTC\nhours:\n  mon: ["09:00-09:00"]\n', 3],
    ["overlapping intervals", 'timezone: UTC\nhours:\n  mon: ["09:00-12:00", "11:00-13:00"]\n', 3],
    ["unknown zone", "timezone: Mars/Olympus\n", 1],
    ["missing zone", "hours: {}\n", null],
    ["impossible date", 'timezone: UTC\nholidays:\n  - "2025-02-30"\n', 3],
    ["unknown key", "timezone: UTC\nopen_hours: {}\n", 2],
    ["unknown day", 'timezone: UTC\nhours:\n  monday: ["09:00-18:00"]\n', 3],
    ["unknown region", "timezone: UTC\nregion: XX\n", 2],
    ["workday without hours", 'timezone: UTC\nworkdays:\n  - { date: "2025-02-08" }\n', 3],
    ["bad YAML", "timezone: [UTC\n", null],
  ];
  it.each(cases)("%s → InputError with line", (_name, source, line) => {
    try {
      loadCalendar(source, "cal.yaml");
      expect.unreachable("expected an InputError");
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      if (line != null) expect((err as InputError).line).toBe(line);
    }
  });
  it("names the field and the reason", () => {
    expect(() => loadCalendar('timezone: UTC\nhours:\n  sun: ["22:00-26:00"]\n', "cal.yaml")).toThrow(
      'cal.yaml:3: hours.sun[0] "22:00-26:00": end must be 24:00 or earlier',
    );
  });
  it("reads JSON as well", () => {
    const def = loadCalendar('{"timezone": "Europe/London", "hours": {"mon": ["09:00-17:30"]}}', "cal.json");
    expect(def.hours[0]).toEqual([{ start: 540, end: 1050 }]);
  });
});
