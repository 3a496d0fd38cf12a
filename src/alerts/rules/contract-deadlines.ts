import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { isBusinessDay } from "../../availability/index.js";
import { compileCalendar, parseCalendar } from "../../clock/index.js";
import { ContractDates } from "../../terms/index.js";
import { type ContractDeadline, computeContractDeadlines } from "../../watch/index.js";
import { type AlertRule, findingKey, type RuleOutcome } from "./rule.js";

const KIND_WORDS: Record<ContractDeadline["kind"], { en: string; zh: string }> = {
  term_end: { en: "Contract term ends", zh: "合同到期" },
  renewal_notice: { en: "Last day to give notice of non-renewal", zh: "不续约通知截止" },
  renewal: { en: "Contract renews", zh: "合同续约" },
  price_change_notice: { en: "Last day for the vendor to announce a price change", zh: "供应商调价通知截止" },
  data_export: { en: "Data export deadline after termination", zh: "终止后数据导出截止" },
};

/** The deadlines worth a reminder (the renewal itself is the day after term end: one reminder is enough). */
const ALERTED: ContractDeadline["kind"][] = [
  "term_end",
  "renewal_notice",
  "price_change_notice",
  "data_export",
];

/**
 * Contract dates ahead: term end, the non-renewal notice deadline, the price-change notice deadline
 * and the data export deadline (computed by src/watch from the contract's dates, its terms' `dates:`
 * and its calendar) alert when N business days or fewer remain (N = `dates.alert_business_days_ahead`,
 * default 10; calendar days without a calendar), page on the last day. Once-only: the alert stays
 * quiet until the date, then closes without a message (a passed deadline is no recovery).
 */
export const contractDeadlinesRule: AlertRule = {
  name: "contract-dates",
  async evaluate(db, now): Promise<RuleOutcome> {
    const out: RuleOutcome = { firing: [], unknown: new Set(), expired: new Set() };
    const rows = await db
      .selectFrom("contracts")
      .select(["id", "workspace_id", "vendor_id", "name", "terms", "valid_from", "valid_to"])
      .where(sql<boolean>`valid_to is not null or terms->'dates'->>'term_end' is not null`)
      .execute();
    for (const c of rows) {
      const terms = (c.terms ?? {}) as {
        calendar?: unknown;
        dates?: unknown;
        commitments?: { data_exit?: { export_days?: number | null } | null };
      };
      const dates = ContractDates.safeParse(terms.dates ?? {});
      if (!dates.success) continue;
      let calendar: ReturnType<typeof compileCalendar> | null = null;
      try {
        calendar = terms.calendar ? compileCalendar(parseCalendar(terms.calendar, "calendar")) : null;
      } catch {
        continue;
      }
      const computed = computeContractDeadlines(
        {
          contractId: c.id,
          termStart: c.valid_from,
          termEnd: c.valid_to,
          dates: dates.data,
          exportDays: terms.commitments?.data_exit?.export_days ?? null,
          calendar,
        },
        now,
      );
      const tz = computed.timezone;
      const today = Temporal.Instant.fromEpochMilliseconds(now.getTime())
        .toZonedDateTimeISO(tz)
        .toPlainDate();
      const ahead = dates.data.alert_business_days_ahead;
      for (const d of computed.deadlines) {
        if (!ALERTED.includes(d.kind) || d.date == null || d.days_left == null) continue;
        const key = `contract-date:${c.id}:${d.kind}:${d.date}`;
        if (d.days_left < 0) {
          out.expired?.add(findingKey(c.workspace_id, key));
          continue;
        }
        let left: number;
        try {
          left = calendar
            ? businessDaysUntil(today, Temporal.PlainDate.from(d.date), calendar, tz)
            : d.days_left;
        } catch {
          // no holiday data that far ahead: not guessed
          out.unknown.add(findingKey(c.workspace_id, key));
          continue;
        }
        if (left > ahead) continue;
        const last = d.days_left === 0;
        const unit = { en: calendar ? "business days" : "days", zh: calendar ? "个工作日" : "天" };
        const words = KIND_WORDS[d.kind];
        out.firing.push({
          workspace_id: c.workspace_id,
          key,
          rule: "contract-dates",
          status: "firing",
          severity: last ? "page" : "ticket",
          level: last ? 2 : 1,
          vendor_id: c.vendor_id,
          subject: `${c.name}: ${words.en} ${d.date}`.slice(0, 300),
          path: `/contracts?contract=${c.id}&view=dates`,
          message: {
            en: {
              title: `${c.name}: ${words.en} on ${d.date}`,
              text: last ? `Today is the day (${d.rule}).` : `${left} ${unit.en} left (${d.rule}).`,
              fields: [
                ["Date", d.date],
                ["Left", `${left} ${unit.en}`],
              ],
            },
            zh: {
              title: `${c.name}:${words.zh}日期 ${d.date}`,
              text: last ? "就是今天。" : `还剩 ${left} ${unit.zh}。`,
              fields: [
                ["日期", d.date],
                ["剩余", `${left} ${unit.zh}`],
              ],
            },
          },
        });
      }
    }
    return out;
  },
};

/** Business days after `from` up to and including `to` (0 when `to` is today). */
function businessDaysUntil(
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
  calendar: ReturnType<typeof compileCalendar>,
  tz: string,
): number {
  let n = 0;
  for (let d = from.add({ days: 1 }); Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 }))
    if (isBusinessDay(d, calendar, tz)) n += 1;
  return n;
}
