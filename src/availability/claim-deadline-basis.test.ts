import { describe, expect, it } from "vitest";
import { compileCalendar, parseCalendar } from "../clock/index.js";
import { computeClaimWindow } from "./claim-window.js";
import { monthPeriod } from "./period.js";
import { prepareClaim } from "./prepare-claim.js";
import { burst } from "./test-observations.js";
import { getVendorFormula } from "./vendor-formula.js";

const SH = "Asia/Shanghai";
const WEEKDAYS = ["09:00-18:00"];
const cnCalendar = compileCalendar(
  parseCalendar(
    {
      timezone: SH,
      region: "CN",
      hours: { mon: WEEKDAYS, tue: WEEKDAYS, wed: WEEKDAYS, thu: WEEKDAYS, fri: WEEKDAYS },
    },
    "cn.yaml",
  ),
);
const trtc = getVendorFormula("tencent-trtc").claim;
const at = (iso: string) => Date.parse(iso);

describe("claim deadline basis follows the clause", () => {
  it("故障发生后30日内: 30 days from each outage, the earliest outage's deadline first", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-10", SH),
      rule: null,
      clause: { amount: 30, unit: "calendar_days", from: "incident" },
      incidents: [at("2026-10-20T03:00:00+08:00"), at("2026-10-05T10:00:00+08:00")],
      now: new Date("2026-10-25T00:00:00+08:00"),
    });
    expect(w).toMatchObject({
      counted_from: "incident",
      basis_source: "contract_clause",
      deadline: "2026-11-03",
    });
    expect(w?.incidents).toEqual([
      { start: "2026-10-05", deadline: "2026-11-03" },
      { start: "2026-10-20", deadline: "2026-11-18" },
    ]);
    expect(w?.days_left).toBe(9);
  });

  it("the same 30 days from the period end give a later deadline", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-10", SH),
      rule: null,
      clause: { amount: 30, unit: "calendar_days", from: "period_end" },
      incidents: [at("2026-10-05T10:00:00+08:00")],
    });
    expect(w).toMatchObject({ counted_from: "period_end", deadline: "2026-11-30", incidents: [] });
  });

  it("business days skip weekends and National Day (10 business days from the end of September)", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-09", SH),
      rule: null,
      clause: { amount: 10, unit: "business_days", from: "period_end" },
      calendar: cnCalendar,
    });
    // Oct 1–7 holiday; Oct 8, 9, Sat 10 (make-up), 12, 13, 14, 15, 16, 19, 20
    expect(w).toMatchObject({ length: { business_days: 10 }, deadline: "2026-10-20", file_by: "2026-10-20" });
  });

  it("months from the period end", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-10", "UTC"),
      rule: null,
      clause: { amount: 2, unit: "months", from: "period_end" },
    });
    expect(w).toMatchObject({ length: { months: 2 }, deadline: "2026-12-31" });
  });

  it("from the invoice: the deadline is unknown, not guessed", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-10", "UTC"),
      rule: null,
      clause: { amount: 30, unit: "calendar_days", from: "invoice" },
    });
    expect(w).toMatchObject({ deadline: null, counted_from: "invoice" });
    expect(w?.unknown).toContain("invoice");
  });

  it("a clause without a start keeps the vendor's basis (TRTC: from the 5th business day)", () => {
    const w = computeClaimWindow({
      period: monthPeriod("2026-09", SH),
      rule: trtc,
      clause: { amount: 60, unit: "calendar_days", from: null },
      calendar: cnCalendar,
    });
    expect(w).toMatchObject({ counted_from: "opens", opens: "2026-10-13", deadline: "2026-12-11" });
  });
});

describe("December on a CN business calendar", () => {
  it("the claim window needs 2027 holidays: the deadline is unknown, the window does not throw", () => {
    const w = computeClaimWindow({ period: monthPeriod("2026-12", SH), rule: trtc, calendar: cnCalendar });
    expect(w).toMatchObject({
      opens: null,
      deadline: null,
      file_by: null,
      unknown: "no holiday data for 2027",
    });
  });

  it("availability and credit of December are computed; the letter says the deadline is unknown", () => {
    const claim = prepareClaim({
      contract: { name: "TRTC" },
      commitments: {
        availability: { target_percent: 99.95 },
        credits: {
          tiers: [{ below_percent: 99.95, credit_percent: 10 }],
          form: null,
          cap_percent: null,
          claim_deadline_days: null,
          vendor_records_prevail: null,
        },
      },
      formula: "tencent-trtc",
      period: "2026-12",
      timezone: SH,
      observations: burst("2026-12-02T10:00:00+08:00", 300, 300, { spreadSeconds: 1800 }),
      calendar: cnCalendar,
      now: new Date("2027-01-02T00:00:00+08:00"),
    });
    expect(claim.report.down_minutes).toBe(30);
    expect(claim.credit.owed).toBe(true);
    expect(claim.window?.unknown).toBe("no holiday data for 2027");
    expect(claim.letter.offered).toBe(true);
  });

  it("an incident-based clause in December needs no 2027 holidays for calendar days", () => {
    const claim = prepareClaim({
      contract: { name: "RTC" },
      commitments: {
        availability: { target_percent: 99.95 },
        credits: {
          tiers: [{ below_percent: 99.95, credit_percent: 10 }],
          form: null,
          cap_percent: null,
          claim_deadline_days: 30,
          claim_window: { amount: 30, unit: "calendar_days", from: "incident" },
          vendor_records_prevail: null,
        },
      },
      formula: "generic-time",
      period: "2026-12",
      timezone: SH,
      observations: burst("2026-12-28T10:00:00+08:00", 30, 30, { spreadSeconds: 1800 }),
      calendar: cnCalendar,
      now: new Date("2027-01-02T00:00:00+08:00"),
    });
    // 30 calendar days from Dec 28 stand; only whether Jan 26 is a business day is unknown
    expect(claim.window).toMatchObject({
      counted_from: "incident",
      deadline: "2027-01-26",
      file_by: null,
      unknown: null,
      file_by_unknown: "no holiday data for 2027",
    });
  });
});
