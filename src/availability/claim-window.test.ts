import { describe, expect, it } from "vitest";
import { compileCalendar, parseCalendar } from "../clock/index.js";
import { computeClaimWindow } from "./claim-window.js";
import { monthPeriod } from "./period.js";
import { getVendorFormula } from "./vendor-formula.js";

const SH = "Asia/Shanghai";
const cnCalendar = compileCalendar(
  parseCalendar(
    {
      timezone: SH,
      region: "CN",
      hours: {
        mon: ["09:00-18:00"],
        tue: ["09:00-18:00"],
        wed: ["09:00-18:00"],
        thu: ["09:00-18:00"],
        fri: ["09:00-18:00"],
      },
    },
    "cn.yaml",
  ),
);
const trtc = getVendorFormula("tencent-trtc").claim;

describe("computeClaimWindow", () => {
  // TRTC (paraphrased): claims from the 5th business day of the following month, within 60 days.
  it("TRTC, September: the window opens on the 5th business day after National Day, counting the make-up Saturday", () => {
    const w = computeClaimWindow({ period: monthPeriod("2026-09", SH), rule: trtc, calendar: cnCalendar });
    // Oct 1–7 holiday; Oct 8 (1), 9 (2), Sat 10 make-up workday (3), 12 (4), 13 (5).
    expect(w?.opens).toBe("2026-10-13");
    expect(w?.deadline).toBe("2026-12-11");
    expect(w?.deadline_on_non_business_day).toBe(false);
  });

  it("TRTC, July: the deadline lands in the National Day holiday, so file by the last workday before it", () => {
    const w = computeClaimWindow({ period: monthPeriod("2026-07", SH), rule: trtc, calendar: cnCalendar });
    expect(w?.opens).toBe("2026-08-07");
    expect(w?.deadline).toBe("2026-10-05");
    expect(w?.deadline_on_non_business_day).toBe(true);
    expect(w?.file_by).toBe("2026-09-30");
  });

  it("the contract's claim_deadline_days overrides the vendor's length", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-09", SH),
      rule: trtc,
      calendar: cnCalendar,
      claim_deadline_days: 30,
    });
    expect(w?.deadline).toBe("2026-11-11");
  });

  // AWS (paraphrased): the request must arrive by the end of the second billing cycle after the incident.
  it("AWS: until the end of the second month after the period", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-10", "UTC"),
      rule: getVendorFormula("aws-five-minute").claim,
    });
    expect(w).toMatchObject({ opens: "2026-11-01", deadline: "2026-12-31", file_by: null });
  });

  // Google (paraphrased): notify within 30 days from becoming eligible (the end of the month).
  it("Google: 30 days from the end of the month, with days left", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-09", "UTC"),
      rule: getVendorFormula("google-vertex").claim,
      now: new Date("2026-10-20T12:00:00Z"),
    });
    expect(w?.deadline).toBe("2026-10-30");
    expect(w?.days_left).toBe(10);
  });

  it("no rule and no contract deadline: no window", () => {
    expect(computeClaimWindow({ period: monthPeriod("2026-09", SH), rule: null })).toBeNull();
  });

  it("a business-day rule without a calendar is an input error", () => {
    expect(() => computeClaimWindow({ period: monthPeriod("2026-09", SH), rule: trtc })).toThrow(
      expect.objectContaining({ code: "INPUT" }),
    );
  });
});
