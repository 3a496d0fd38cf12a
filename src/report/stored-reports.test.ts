import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../context/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { type QuarterPlan, seedQuarter } from "./quarter-fixture.js";
import { monthlyReportJob, quarterlyReportJob, runScheduledReports, scheduledPeriod } from "./report-jobs.js";
import { getStoredReport, listStoredReports, storeReport } from "./stored-reports.js";

const NOW = new Date("2027-01-02T00:00:00Z");

describe("report schedules", () => {
  it("reports on the month or quarter that ended before the run, in the job's zone", () => {
    // 2027-01-01T20:00Z is already 2 January in Shanghai.
    expect(scheduledPeriod("monthly", new Date("2027-01-01T22:00:00Z"), "Asia/Shanghai")).toBe("2026-12");
    expect(scheduledPeriod("monthly", new Date("2027-01-01T22:00:00Z"), "America/New_York")).toBe("2026-12");
    expect(scheduledPeriod("quarterly", new Date("2027-01-01T22:00:00Z"), "Asia/Shanghai")).toBe("2026-Q4");
    expect(scheduledPeriod("quarterly", new Date("2026-04-02T06:00:00+08:00"), "Asia/Shanghai")).toBe(
      "2026-Q1",
    );
    expect([monthlyReportJob.name, quarterlyReportJob.name]).toEqual(["report-monthly", "report-quarterly"]);
    expect(quarterlyReportJob).toMatchObject({
      cron: "0 6 2 1,4,7,10 *",
      catchUp: "latest",
      timeZone: "Asia/Shanghai",
    });
  });
});

describe.each(storeBackends())("stored reports on $name", ({ open }) => {
  let store: Store;
  let plan: QuarterPlan;
  beforeAll(async () => {
    store = await open();
    plan = await seedQuarter(store.db, { tickets: 20, intervalMinutes: 60 });
  }, 600_000);
  afterAll(async () => {
    await store?.close();
  });

  it("stores a report once per subject, period and language (a re-run replaces it) and audits it", async () => {
    const ctx = systemCtx(store, plan.workspaceId, NOW);
    const first = await storeReport({ ctx, input: { vendor: plan.vendorId, period: "2026-12", lang: "en" } });
    const again = await storeReport({ ctx, input: { vendor: plan.vendorId, period: "2026-12", lang: "en" } });
    expect(again.id).toBe(first.id);
    const list = await listStoredReports({ ctx, input: {} });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ period: "2026-12", title: "Acme RTC", lang: "en" });
    const stored = await getStoredReport({ ctx, input: { id: first.id } });
    expect(stored.html).toContain("Service level report");
    expect(stored.model.tickets.count).toBe(list[0].headline.tickets);
    const audits = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "report")
      .execute();
    expect(audits).toHaveLength(2);
  }, 240_000);

  it("a scheduled run stores the quarter for every vendor with a contract, in both languages", async () => {
    const stored = await runScheduledReports(
      store,
      "quarterly",
      new Date("2027-01-02T06:00:00+08:00"),
      "Asia/Shanghai",
      NOW,
    );
    expect(stored).toBe(2);
    const rows = await store.db
      .selectFrom("reports")
      .select(["period", "lang", "schedule"])
      .where("period", "=", "2026-Q4")
      .execute();
    expect(rows.map((r) => `${r.period}/${r.lang}/${r.schedule}`).sort()).toEqual([
      "2026-Q4/en/quarterly",
      "2026-Q4/zh/quarterly",
    ]);
  }, 240_000);
});
