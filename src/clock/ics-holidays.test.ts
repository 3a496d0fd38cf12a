import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { importIcsHolidays } from "./ics-holidays.js";

const ics = (...events: string[]) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    ...events.flatMap((e) => ["BEGIN:VEVENT", ...e.split("\n"), "END:VEVENT"]),
    "END:VCALENDAR",
  ].join("\r\n");

describe("importIcsHolidays", () => {
  it("reads all-day events, with multi-day DTEND exclusive", () => {
    const text = ics("DTSTART;VALUE=DATE:20260501\nDTEND;VALUE=DATE:20260504\nSUMMARY:Labour Day");
    expect(importIcsHolidays(text, "h.ics", { fromYear: 2026, toYear: 2026 })).toEqual([
      "2026-05-01",
      "2026-05-02",
      "2026-05-03",
    ]);
  });
  it("expands FREQ=YEARLY over the range, honouring COUNT", () => {
    const text = ics(
      "DTSTART;VALUE=DATE:20201225\nRRULE:FREQ=YEARLY\nSUMMARY:Christmas",
      "DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=YEARLY;COUNT=2",
    );
    expect(importIcsHolidays(text, "h.ics", { fromYear: 2024, toYear: 2026 })).toEqual([
      "2024-01-01",
      "2024-12-25",
      "2025-01-01",
      "2025-12-25",
      "2026-12-25",
    ]);
  });
  it("skips timed events and handles folded lines", () => {
    const text = ics(
      "DTSTART:20260310T090000Z\nSUMMARY:meeting",
      "DTSTART;VALUE=DATE:2026\r\n 0704\nSUMMARY:folded",
    );
    expect(importIcsHolidays(text, "h.ics", { fromYear: 2026, toYear: 2026 })).toEqual(["2026-07-04"]);
  });
  it("rejects impossible dates and unsupported rules with the event line", () => {
    expect(() =>
      importIcsHolidays(ics("DTSTART;VALUE=DATE:20250230"), "h.ics", { fromYear: 2025, toYear: 2025 }),
    ).toThrow(InputError);
    expect(() =>
      importIcsHolidays(ics("DTSTART;VALUE=DATE:20250101\nRRULE:FREQ=MONTHLY"), "h.ics", {
        fromYear: 2025,
        toYear: 2025,
      }),
    ).toThrow(/FREQ=YEARLY/);
  });
});
