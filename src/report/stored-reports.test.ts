import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../context/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { type QuarterPlan, seedQuarter } from "./quarter-fixture.js";
import {
  monthlyReportJob,
  quarterlyReportJob,
  reportDayIn,
  runScheduledReports,
  scheduledPeriod,
} from "./report-jobs.js";
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
    // Hourly in UTC: each workspace's report day is read in its own zone at run time.
    expect(quarterlyReportJob).toMatchObject({ cron: "0 * * * *", catchUp: "latest", timeZone: "UTC" });
  });
  it("the report day is the 2nd from 06:00 to the 3rd 06:00 in the workspace's zone", () => {
    const at = new Date("2027-01-01T22:00:00Z"); // 06:00 on 2 Jan in Shanghai, 17:00 on 1 Jan in New York
    expect(reportDayIn("monthly", at, "Asia/Shanghai")).toBe(true);
    expect(reportDayIn("monthly", at, "America/New_York")).toBe(false);
    expect(reportDayIn("monthly", new Date("2027-01-02T11:00:00Z"), "America/New_York")).toBe(true);
    expect(reportDayIn("monthly", new Date("2027-01-02T22:00:00Z"), "Asia/Shanghai")).toBe(false);
    expect(reportDayIn("quarterly", new Date("2027-02-02T06:00:00+08:00"), "Asia/Shanghai")).toBe(false);
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

  it("a scheduled run stores the quarter for every vendor with a contract, in both languages, in the workspace's zone", async () => {
    // The workspace is in New York: at 06:00 Shanghai time it is not yet its report day.
    await store.db
      .updateTable("workspaces")
      .set({ timezone: "America/New_York" })
      .where("id", "=", plan.workspaceId)
      .execute();
    expect(await runScheduledReports(store, "quarterly", new Date("2027-01-02T06:00:00+08:00"), NOW)).toBe(0);
    await store.db
      .updateTable("workspaces")
      .set({ timezone: "Asia/Shanghai" })
      .where("id", "=", plan.workspaceId)
      .execute();
    const stored = await runScheduledReports(store, "quarterly", new Date("2027-01-02T06:00:00+08:00"), NOW);
    expect(stored).toBe(2);
    // The next hourly run finds the quarter stored and stores nothing.
    expect(await runScheduledReports(store, "quarterly", new Date("2027-01-02T07:00:00+08:00"), NOW)).toBe(0);
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
