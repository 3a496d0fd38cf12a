import { compileCalendar, parseCalendar } from "../../clock/index.js";
import type { AlertRule, RuleOutcome } from "./rule.js";

/** Alert when a claim for an owed credit must be filed within this many business days. */
export const CLAIM_WARN_BUSINESS_DAYS = 5;

/**
 * Claim window closing: a computed period where a credit is owed, whose claim window is open and
 * closes (last filing day) within N business days of the contract's calendar, or N calendar days
 * without one. Page on the last day.
 */
export const claimWindowRule: AlertRule = {
  name: "claim-window",
  async evaluate(db, now): Promise<RuleOutcome> {
    const rows = await db
      .selectFrom("availability_periods as a")
      .innerJoin("contracts as c", "c.id", "a.contract_id")
      .leftJoin("availability_settings as s", "s.contract_id", "a.contract_id")
      .select([
        "a.contract_id",
        "a.period",
        "a.workspace_id",
        "a.credit_percent",
        "a.claim_window",
        "c.name",
        "c.vendor_id",
        "s.calendar",
        "s.timezone",
      ])
      .where("a.credit_percent", ">", 0)
      .where("a.claim_window", "is not", null)
      .execute();
    const out: RuleOutcome = { firing: [], unknown: new Set() };
    for (const r of rows) {
      const w = r.claim_window as { opens?: string; deadline?: string; file_by?: string | null };
      const last = w.file_by ?? w.deadline;
      if (!last || !w.opens) continue;
      const tz = r.timezone ?? "UTC";
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(now);
      if (today < w.opens || today > last) continue;
      const left = r.calendar
        ? businessDaysBetween(r.calendar, today, last, tz)
        : Math.round((Date.parse(last) - Date.parse(today)) / 86_400_000);
      if (left > CLAIM_WARN_BUSINESS_DAYS) continue;
      const unit = r.calendar ? "business days" : "days";
      out.firing.push({
        workspace_id: r.workspace_id,
        key: `claim:${r.contract_id}:${r.period}`,
        rule: "claim-window",
        status: "firing",
        severity: left <= 1 ? "page" : "ticket",
        level: left <= 1 ? 2 : 1,
        vendor_id: r.vendor_id,
        subject: `${r.name} ${r.period}`,
        path: `/credits?contract=${r.contract_id}&period=${r.period}`,
        message: {
          en: {
            title: `Claim the ${r.credit_percent}% credit for ${r.name} ${r.period} by ${last}`,
            text: `The claim window closes in ${left} ${unit}; after it the credit is lost.`,
            fields: [
              ["Credit", `${r.credit_percent}%`],
              ["File by", last],
            ],
          },
          zh: {
            title: `请在 ${last} 前申请 ${r.name} ${r.period} 的 ${r.credit_percent}% 赔偿`,
            text: `索赔窗口将在 ${left} 个${r.calendar ? "工作日" : "自然日"}后关闭,逾期将失去赔偿。`,
            fields: [
              ["赔偿", `${r.credit_percent}%`],
              ["申请截止", last],
            ],
          },
        },
      });
    }
    return out;
  },
};

/** Business days from `from` (exclusive) to `to` (inclusive), local dates in `tz`. */
function businessDaysBetween(calendar: unknown, from: string, to: string, tz: string): number {
  const cal = compileCalendar(parseCalendar(calendar, "calendar"));
  let n = 0;
  for (
    let d = Date.parse(`${from}T10:00:00Z`) + 86_400_000;
    d <= Date.parse(`${to}T10:00:00Z`);
    d += 86_400_000
  ) {
    // 10:00 local time of that day: inside business hours on a business day
    const local = new Date(d);
    const morning = new Date(local.getTime() - tzOffsetMs(tz, local));
    if (cal.isOpen(morning)) n += 1;
  }
  return n;
}

function tzOffsetMs(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const v = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(v("year"), v("month") - 1, v("day"), v("hour"), v("minute"), v("second")) - at.getTime();
}
