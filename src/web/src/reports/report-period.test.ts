import { describe, expect, it } from "vitest";
import { defaultChoice, type PeriodChoice, periodLabel } from "./report-period";

const base: PeriodChoice = { kind: "month", month: "2026-10", year: 2026, part: 4, from: "", to: "" };

describe("periodLabel", () => {
  it("names each kind the way the API reads it", () => {
    expect(periodLabel(base)).toBe("2026-10");
    expect(periodLabel({ ...base, kind: "quarter" })).toBe("2026-Q4");
    expect(periodLabel({ ...base, kind: "half", part: 2 })).toBe("2026-H2");
    expect(periodLabel({ ...base, kind: "year" })).toBe("2026");
    expect(periodLabel({ ...base, kind: "range", from: "2026-10-01", to: "2026-11-15" })).toBe(
      "2026-10-01..2026-11-15",
    );
  });
  it("is null for incomplete or impossible choices", () => {
    expect(periodLabel({ ...base, month: "2026-13" })).toBeNull();
    expect(periodLabel({ ...base, kind: "quarter", part: 5 })).toBeNull();
    expect(periodLabel({ ...base, kind: "half", part: 3 })).toBeNull();
    expect(periodLabel({ ...base, kind: "year", year: Number.NaN })).toBeNull();
    expect(periodLabel({ ...base, kind: "range", from: "2026-11-15", to: "2026-10-01" })).toBeNull();
    expect(periodLabel({ ...base, kind: "range", from: "2026-11-15", to: "" })).toBeNull();
  });
});

describe("defaultChoice", () => {
  it("is the last complete quarter, across a year boundary too", () => {
    const mid = defaultChoice(new Date(2026, 11, 5));
    expect(periodLabel(mid)).toBe("2026-Q3");
    expect(mid.month).toBe("2026-11");
    expect(periodLabel(defaultChoice(new Date(2027, 1, 10)))).toBe("2026-Q4");
  });
});
