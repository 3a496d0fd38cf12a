import { describe, expect, it } from "vitest";
import { slotAfter, slotAtOrBefore, slotsBetween, validateJob } from "./cron-slots.js";
import type { RecurringJob } from "./job-definition.js";

const job = (cron: string, timeZone?: string): RecurringJob => ({
  name: "t",
  cron,
  timeZone,
  run: async () => {},
});
const iso = (d: Date[]) => d.map((x) => x.toISOString());

describe("cron slots in a time zone", () => {
  it("reads the cron in the job's zone (09:00 Shanghai is 01:00 UTC)", () => {
    const slots = slotsBetween(
      job("0 9 * * *", "Asia/Shanghai"),
      new Date("2026-03-01T00:00:00Z"),
      new Date("2026-03-03T12:00:00Z"),
    );
    expect(iso(slots)).toEqual([
      "2026-03-01T01:00:00.000Z",
      "2026-03-02T01:00:00.000Z",
      "2026-03-03T01:00:00.000Z",
    ]);
  });

  it("follows daylight saving time (09:00 New York is 14:00 UTC, then 13:00 UTC)", () => {
    const slots = slotsBetween(
      job("0 9 * * *", "America/New_York"),
      new Date("2026-03-07T00:00:00Z"),
      new Date("2026-03-09T23:00:00Z"),
    );
    expect(iso(slots)).toEqual([
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
  });

  it("excludes the start and includes the end; the latest slot at or before an instant", () => {
    const j = job("*/10 * * * *");
    expect(iso(slotsBetween(j, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:20:00Z")))).toEqual([
      "2026-01-01T00:10:00.000Z",
      "2026-01-01T00:20:00.000Z",
    ]);
    expect(slotAtOrBefore(j, new Date("2026-01-01T00:20:00Z"))?.toISOString()).toBe(
      "2026-01-01T00:20:00.000Z",
    );
    expect(slotAtOrBefore(j, new Date("2026-01-01T00:29:59Z"))?.toISOString()).toBe(
      "2026-01-01T00:20:00.000Z",
    );
  });

  it("refuses a bad name, cron or zone with one line naming the job", () => {
    expect(() => validateJob(job("0 9 * * *", "Mars/Olympus"))).toThrow(/job t timeZone: "Mars\/Olympus"/);
    expect(() => validateJob(job("0 9 * *"))).toThrow(/job t cron: "0 9 \* \*" is not a five-field/);
    expect(() => validateJob(job("0 99 * * *"))).toThrow(/job t cron/);
    expect(() => validateJob({ ...job("* * * * *"), name: "Bad Name" })).toThrow(/job name: "Bad Name"/);
  });

  it("finds the next slot strictly after an instant, in the job's zone", () => {
    const daily = job("0 9 * * *", "Asia/Shanghai");
    expect(slotAfter(daily, new Date("2026-03-01T00:59:59Z"))?.toISOString()).toBe(
      "2026-03-01T01:00:00.000Z",
    );
    expect(slotAfter(daily, new Date("2026-03-01T01:00:00Z"))?.toISOString()).toBe(
      "2026-03-02T01:00:00.000Z",
    );
  });
});
