import { Temporal } from "temporal-polyfill";
import { announceReport, type ReportNotice } from "../alerts/index.js";
import { systemCtx } from "../context/index.js";
import type { RecurringJob } from "../jobs/job-definition.js";
import type { Store } from "../store/index.js";
import { type StoredReportView, storeReport } from "./stored-reports.js";

type Schedule = "monthly" | "quarterly";

/** The period a run at `scheduledFor` reports on: the month or quarter before it, in `timeZone`. */
export function scheduledPeriod(schedule: Schedule, scheduledFor: Date, timeZone: string): string {
  const local = Temporal.Instant.fromEpochMilliseconds(scheduledFor.getTime()).toZonedDateTimeISO(timeZone);
  const prev = local
    .toPlainDate()
    .with({ day: 1 })
    .subtract({ months: schedule === "monthly" ? 1 : 3 });
  return schedule === "monthly"
    ? prev.toString().slice(0, 7)
    : `${prev.year}-Q${Math.floor((prev.month - 1) / 3) + 1}`;
}

/**
 * Whether `scheduledFor` falls on a workspace's report day: the 2nd of the month (of the month after
 * a quarter) from 06:00 to the 3rd 06:00 in its zone, a day after the period ends so late probe
 * batches and ticket imports are in. The day-long window lets an hourly run catch up after downtime.
 */
export function reportDayIn(schedule: Schedule, scheduledFor: Date, timeZone: string): boolean {
  const local = Temporal.Instant.fromEpochMilliseconds(scheduledFor.getTime()).toZonedDateTimeISO(timeZone);
  if (schedule === "quarterly" && ![1, 4, 7, 10].includes(local.month)) return false;
  return (local.day === 2 && local.hour >= 6) || (local.day === 3 && local.hour < 6);
}

/**
 * Stores the report of the period just ended, in both languages, for every vendor that has a
 * contract in every workspace whose report day (read in the workspace's own time zone) it is and
 * which has no report of this schedule for the period yet; so an hourly run stores each once.
 * `zone` pins one zone for every workspace (tests, or a one-off run); absent = each workspace's.
 */
export async function runScheduledReports(
  store: Store,
  schedule: Schedule,
  scheduledFor: Date,
  now: Date,
  log: (message: string, details?: Record<string, unknown>) => void = () => {},
  zone?: string,
): Promise<number> {
  const subjects = await store.db
    .selectFrom("contracts")
    .innerJoin("vendors", "vendors.id", "contracts.vendor_id")
    .innerJoin("workspaces", "workspaces.id", "contracts.workspace_id")
    .select(["contracts.workspace_id", "vendors.id as vendor_id", "workspaces.timezone"])
    .distinct()
    .execute();
  let stored = 0;
  let announced = 0;
  for (const s of subjects) {
    const timeZone = zone ?? s.timezone;
    if (!reportDayIn(schedule, scheduledFor, timeZone)) continue;
    const period = scheduledPeriod(schedule, scheduledFor, timeZone);
    const done = await store.db
      .selectFrom("reports")
      .select("lang")
      .where("workspace_id", "=", s.workspace_id)
      .where("subject", "=", `vendor:${s.vendor_id}`)
      .where("period", "=", period)
      .where("schedule", "=", schedule)
      .execute();
    const views: Partial<Record<"zh" | "en", StoredReportView>> = {};
    for (const lang of ["zh", "en"] as const) {
      if (done.some((r) => r.lang === lang)) continue;
      try {
        views[lang] = await storeReport({
          ctx: systemCtx(store, s.workspace_id, now),
          input: { vendor: s.vendor_id, period, lang, schedule },
        });
        stored++;
      } catch (err) {
        // One vendor's bad data (e.g. an unparsable calendar) must not stop the others' reports.
        log("report failed", { workspace: s.workspace_id, vendor: s.vendor_id, period, error: String(err) });
      }
    }
    // Announced when this run stored both languages (an hourly re-run finds them stored and is silent).
    if (!views.zh || !views.en) continue;
    try {
      announced += await announceReport(
        store.db,
        s.workspace_id,
        reportNotice(s.workspace_id, s.vendor_id, schedule, { zh: views.zh, en: views.en }),
        now,
      );
    } catch (err) {
      log("report notice failed", {
        workspace: s.workspace_id,
        vendor: s.vendor_id,
        period,
        error: String(err),
      });
    }
  }
  log("reports stored", { schedule, stored, announced });
  return stored;
}

/**
 * The message announcing a scheduled report on the alert channels: the headline figures and a
 * link to the stored report (the API download of its HTML, opened with the user's session).
 */
export function reportNotice(
  workspaceId: string,
  vendorId: string,
  schedule: Schedule,
  views: { zh: StoredReportView; en: StoredReportView },
): ReportNotice {
  const h = views.en.headline;
  const num = (v: number | null, unit = "") => (v == null ? "—" : `${v}${unit}`);
  const fields = (zh: boolean): [string, string][] => [
    [zh ? "可用性" : "Availability", num(h.availability_percent, "%")],
    [zh ? "故障分钟" : "Down minutes", num(h.down_minutes)],
    [zh ? "工单" : "Tickets", String(h.tickets)],
    [zh ? "SLA 达成率" : "SLA attainment", num(h.sla_attainment_percent, "%")],
    [zh ? "事件" : "Incidents", String(h.incidents)],
    [zh ? "RCA 逾期或缺失" : "RCA late or missing", String(h.rca_late_or_missing)],
  ];
  const path = (id: string) =>
    `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/reports/${encodeURIComponent(id)}`;
  const period = views.en.period;
  return {
    report_ids: { zh: views.zh.id, en: views.en.id },
    vendor_id: vendorId,
    paths: { zh: path(views.zh.id), en: path(views.en.id) },
    message: {
      en: {
        title: `${schedule === "monthly" ? "Monthly SLA report" : "Quarterly service review"}: ${views.en.title} ${period}`,
        text: "The report for the period just ended is ready.",
        fields: fields(false),
      },
      zh: {
        title: `${schedule === "monthly" ? "月度 SLA 报告" : "季度服务评审"}:${views.zh.title} ${period}`,
        text: "上一周期的报告已生成。",
        fields: fields(true),
      },
    },
  };
}

/**
 * The two report schedules as hourly jobs: each run stores the reports of the workspaces whose
 * report day it is in their own zone (workspaces.timezone), so no zone is fixed in code.
 */
export function reportJobs(): RecurringJob[] {
  const job = (schedule: Schedule): RecurringJob => ({
    name: `report-${schedule}`,
    cron: "0 * * * *",
    timeZone: "UTC",
    catchUp: "latest",
    timeoutMs: 30 * 60_000,
    run: async (ctx) => {
      await runScheduledReports(ctx.store, schedule, ctx.scheduledFor, ctx.now(), ctx.log);
    },
  });
  return [job("monthly"), job("quarterly")];
}

export const [monthlyReportJob, quarterlyReportJob] = reportJobs();
