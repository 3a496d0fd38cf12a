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
 * Stores the report of the period just ended for every vendor that has a contract, in every
 * workspace, in both languages. A re-run replaces the same rows, so a caught-up slot is stored once.
 */
export async function runScheduledReports(
  store: Store,
  schedule: Schedule,
  scheduledFor: Date,
  timeZone: string,
  now: Date,
  log: (message: string, details?: Record<string, unknown>) => void = () => {},
): Promise<number> {
  const period = scheduledPeriod(schedule, scheduledFor, timeZone);
  const subjects = await store.db
    .selectFrom("contracts")
    .innerJoin("vendors", "vendors.id", "contracts.vendor_id")
    .select(["contracts.workspace_id", "vendors.id as vendor_id"])
    .distinct()
    .execute();
  let stored = 0;
  let announced = 0;
  for (const s of subjects) {
    const views: Partial<Record<"zh" | "en", StoredReportView>> = {};
    for (const lang of ["zh", "en"] as const) {
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
  log("reports stored", { schedule, period, stored, announced });
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
 * The two report schedules as jobs, read in `timeZone` (the workspace's zone): on the 2nd at 06:00,
 * a day after the period ends so late probe batches and ticket imports are in.
 */
export function reportJobs(timeZone: string): RecurringJob[] {
  const job = (schedule: Schedule, cron: string): RecurringJob => ({
    name: `report-${schedule}`,
    cron,
    timeZone,
    catchUp: "latest",
    timeoutMs: 30 * 60_000,
    run: async (ctx) => {
      await runScheduledReports(ctx.store, schedule, ctx.scheduledFor, timeZone, ctx.now(), ctx.log);
    },
  });
  return [job("monthly", "0 6 2 * *"), job("quarterly", "0 6 2 1,4,7,10 *")];
}

/** The schedules in China Standard Time, the zone of the product's first users. */
export const [monthlyReportJob, quarterlyReportJob] = reportJobs("Asia/Shanghai");
