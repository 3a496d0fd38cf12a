import { describe, expect, it } from "vitest";
import { compileCalendar, parseCalendar } from "../clock/index.js";
import { ContractDates, computeContractDeadlines } from "./contract-dates.js";

const calendar = compileCalendar(
  parseCalendar(
    {
      timezone: "Asia/Shanghai",
      hours: {
        mon: ["09:00-18:00"],
        tue: ["09:00-18:00"],
        wed: ["09:00-18:00"],
        thu: ["09:00-18:00"],
        fri: ["09:00-18:00"],
      },
      holidays: ["2026-12-25"],
    },
    "test calendar",
  ),
);
const now = new Date("2026-12-01T00:00:00Z");

describe("contract deadlines", () => {
  it("counts business-day notice back on the contract's calendar (weekend and holiday skipped)", () => {
    const out = computeContractDeadlines(
      {
        contractId: "c1",
        termStart: "2026-01-01",
        termEnd: "2026-12-31",
        dates: ContractDates.parse({
          auto_renewal: { renewal_months: 12, notice: { amount: 5, unit: "business_days" } },
          price_change_notice: { amount: 10, unit: "calendar_days" },
        }),
        exportDays: 30,
        calendar,
      },
      now,
    );
    const by = Object.fromEntries(out.deadlines.map((d) => [d.kind, d]));
    expect(out.timezone).toBe("Asia/Shanghai");
    // 12-30, 12-29, 12-28, (27 Sun, 26 Sat, 25 holiday), 12-24, 12-23
    expect(by.renewal_notice).toMatchObject({ date: "2026-12-23", days_left: 22 });
    expect(by.term_end).toMatchObject({ date: "2026-12-31", days_left: 30 });
    expect(by.renewal?.date).toBe("2027-01-01");
    expect(by.price_change_notice?.date).toBe("2026-12-22");
    expect(by.data_export?.date).toBe("2027-01-30");
  });

  it("is null with its reason when business days have no calendar or the contract has no end", () => {
    const dates = ContractDates.parse({
      auto_renewal: { renewal_months: 12, notice: { amount: 30, unit: "business_days" } },
    });
    const out = computeContractDeadlines(
      { contractId: "c", termStart: null, termEnd: "2026-12-31", dates, exportDays: null, calendar: null },
      now,
    );
    const notice = out.deadlines.find((d) => d.kind === "renewal_notice");
    expect(notice).toMatchObject({ date: null, days_left: null });
    expect(notice?.unknown_reason).toMatch(/calendar/);
    expect(out.deadlines.find((d) => d.kind === "data_export")?.date).toBeNull();
    const calendarDays = computeContractDeadlines(
      {
        contractId: "c",
        termStart: null,
        termEnd: "2026-12-31",
        dates: ContractDates.parse({
          auto_renewal: { renewal_months: 12, notice: { amount: 30, unit: "calendar_days" } },
        }),
        exportDays: null,
        calendar: null,
      },
      now,
    );
    expect(calendarDays.deadlines.find((d) => d.kind === "renewal_notice")?.date).toBe("2026-12-01");
    const open = computeContractDeadlines(
      { contractId: "c", termStart: null, termEnd: null, dates, exportDays: 30, calendar },
      now,
    );
    expect(open.deadlines).toEqual([
      expect.objectContaining({
        kind: "term_end",
        date: null,
        unknown_reason: "the contract has no end date",
      }),
    ]);
  });

  it("refuses bad clauses", () => {
    expect(
      ContractDates.safeParse({
        auto_renewal: { renewal_months: 12, notice: { amount: -1, unit: "business_days" } },
      }).success,
    ).toBe(false);
    expect(ContractDates.safeParse({ term_end: "31/12/2026" }).success).toBe(false);
  });
});
