import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generalInstantMs, instantMs } from "./instant.js";

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");

/** An instant written at a UTC offset in one of the shapes the parser accepts. */
function write(ms: number, offsetMin: number, shape: number): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const zone =
    offsetMin === 0 && shape % 2 === 0
      ? "Z"
      : `${offsetMin < 0 ? "-" : "+"}${pad(Math.trunc(offsetMin / 60))}:${pad(offsetMin % 60)}`;
  const body = [local.slice(0, 16), local.slice(0, 19), local.slice(0, 23)][shape % 3];
  return body + zone;
}

describe("instantMs", () => {
  it("reads every common shape like Date.parse, and the fast and general paths agree", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1901, 0, 2), max: Date.UTC(2199, 11, 30) }),
        fc.constantFrom(0, 480, -300, -240, 330, 345, 600, 660, -570, 840, -720),
        fc.integer({ min: 0, max: 5 }),
        (ms, offset, shape) => {
          const text = write(ms, offset, shape);
          expect(instantMs(text)).toBe(Date.parse(text));
          expect(instantMs(text)).toBe(generalInstantMs(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  const cases: [string, string, number][] = [
    ["Z with millis", "2025-01-24T10:30:00.123Z", Date.UTC(2025, 0, 24, 10, 30, 0, 123)],
    ["offset without seconds", "2025-01-24T18:30+08:00", Date.UTC(2025, 0, 24, 10, 30)],
    ["negative offset", "2025-03-09T01:59:59-05:00", Date.UTC(2025, 2, 9, 6, 59, 59)],
    ["leap day", "2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["lower-case t and z (general path)", "2025-01-24t10:30:00z", Date.UTC(2025, 0, 24, 10, 30)],
    ["space separator (general path)", "2025-01-24 10:30:00Z", Date.UTC(2025, 0, 24, 10, 30)],
    ["offset without colon (general path)", "2025-01-24T18:30:00+0800", Date.UTC(2025, 0, 24, 10, 30)],
    ["microseconds (general path)", "2025-01-24T10:30:00.123456Z", Date.UTC(2025, 0, 24, 10, 30, 0, 123)],
    ["year outside the fast table (general path)", "2250-06-01T00:00:00Z", Date.UTC(2250, 5, 1)],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(instantMs(text)).toBe(expected);
  });

  const bad = [
    "2025-02-29T10:00:00Z", // not a leap year
    "2025-04-31T10:00:00Z",
    "2025-13-01T10:00:00Z",
    "2025-00-10T10:00:00Z",
    "2025-01-00T10:00:00Z",
    "2025-01-24T24:00:00Z",
    "2025-01-24T23:60:00Z",
    "2025-01-24T23:59:60Z",
    "2025-01-24T10:00:00+24:00",
    "2025-01-24T10:00:00+08:60",
    "2025-01-24T10:00:00", // no offset
    "2025-01-24T10:00:00.Z",
    "2025-01-24T10:00:00ZZ",
    "2025-01-24T10:00:00+08:00x",
    "2025-1-24T10:00:00Z",
    "2025-01-24T1a:00:00Z",
    "２０２５-01-24T10:00:00Z",
    "2025-01-24T10:00:/0Z",
    "",
  ];
  it.each(bad)("rejects %j", (text) => {
    expect(instantMs(text)).toBeNaN();
    expect(generalInstantMs(text)).toBeNaN();
  });
});
