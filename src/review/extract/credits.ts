import type { Credits, Span } from "../../terms/index.js";
import { contextText, type ExtractContext, has, hasIn } from "./context.js";
import { extractCreditTiers } from "./credit-tiers.js";
import type { Segment } from "./document.js";
import { findDurations, findPercents } from "./numbers.js";
import { uniqueSpans } from "./span.js";

const CASH_WORD = /现金|退款|cash|refund/i;
const CAP_WORD = /不超过|不得超过|最高|上限|封顶|最多|exceed|maximum|cap|up to|more than/i;

/** Clauses about something other than the SLA's compensation: the liability cap, prepaid fees. */
const NOT_COMPENSATION =
  /赔偿责任|责任(?:的)?总额|\bliabilit|prepaid|pre-paid|预付|\bunused\b|未使用|未实际消耗/i;
/** Refunds on termination or as a kind of support request are not the form of a credit. */
const NOT_CASH_CREDIT = /terminat|终止|解除|退订|\brefund request/i;
const COMPENSATION_WORD = /赔偿|补偿|赔付|credit|compensat/i;
/** "cannot be exchanged into cash", "no cash value", "不可提现": the credit is not cash. */
const NEGATED_CASH =
  /\b(?:not|cannot|can't|never|no|non)\b[^.;]{0,30}\b(?:cash|refund)|\bnon-refundable\b|不(?:可|能|得|予)[^，。；]{0,6}(?:提现|兑现|折现|现金|退款)/i;

function formOf(segments: Segment[]): { form: Credits["form"]; spans: Segment[] } {
  const all = segments.filter(
    (s) => (has("credit", s.text) || hasIn("credit", contextText(s))) && !NOT_COMPENSATION.test(s.text),
  );
  const pick = (name: string, negatable = false) =>
    all.find((s) => {
      if (!has(name, s.text)) return false;
      if (!negatable) return true;
      const at = s.text.search(CASH_WORD);
      return at >= 0 && !has("negation_near", s.text.slice(Math.max(0, at - 32), at));
    });
  const voucher = pick("form_voucher");
  if (voucher) return { form: "voucher", spans: [voucher] };
  const extension = pick("form_extension");
  if (extension) return { form: "extension", spans: [extension] };
  const notCash = all.find((s) => COMPENSATION_WORD.test(s.text) && NEGATED_CASH.test(s.text));
  if (notCash) return { form: "service_credit", spans: [notCash] };
  const cash = all.find(
    (s) =>
      has("form_cash", s.text) &&
      COMPENSATION_WORD.test(`${s.section} ${s.text}`) &&
      !NOT_CASH_CREDIT.test(s.text) &&
      !NEGATED_CASH.test(s.text),
  );
  if (cash) return { form: "cash", spans: [cash] };
  const credit = pick("form_service_credit");
  if (credit) return { form: "service_credit", spans: [credit] };
  return { form: null, spans: [] };
}

type ClaimWindow = NonNullable<Credits["claim_window"]>;

const WINDOW_UNITS: Partial<Record<string, ClaimWindow["unit"]>> = {
  days: "calendar_days",
  weeks: "calendar_days",
  business_days: "business_days",
  months: "months",
};
/** A time that is a deadline ("within 30 days", "30 日内"), not the start of the window ("5 个工作日后"). */
const DEADLINE_AFTER = /^\s*(?:[)）])?\s*(?:内|以内|之内)/;
const DEADLINE_BEFORE = /(?:within|no later than|not later than|up to|最迟|须在|应在|需在)\s*$/i;
const STARTS_AFTER = /^\s*(?:[)）])?\s*(?:后|之后|以后)(?!\s*\S{0,6}内)/;

/** What starts the clock: the incident, the end of the month/period, or the invoice. */
function windowStart(text: string, at: number): ClaimWindow["from"] {
  const near = text.slice(Math.max(0, at - 60), at + 80);
  if (/invoice|账单|发票/i.test(near)) return "invoice";
  if (
    /\bend of\b|after the (?:calendar )?(?:month|quarter|period)|(?:月|季度|周期|月份)(?:结束|届满|末)|月末/i.test(
      near,
    )
  )
    return "period_end";
  if (/incident|outage|downtime|故障|事件|事故|不可用(?:发生)?/i.test(near)) return "incident";
  return null;
}

function claimDeadline(segments: Segment[]): { window: ClaimWindow | null; seg: Segment | null } {
  for (const s of segments) {
    if (!has("claim", s.text)) continue;
    const durations = findDurations(s.text).filter((d) => WINDOW_UNITS[d.unit] && !d.frequency);
    if (durations.length === 0) continue;
    const deadline =
      durations.find(
        (d) =>
          DEADLINE_AFTER.test(s.text.slice(d.end, d.end + 4)) ||
          DEADLINE_BEFORE.test(s.text.slice(0, d.start)),
      ) ?? durations.find((d) => !STARTS_AFTER.test(s.text.slice(d.end, d.end + 8)));
    if (!deadline) continue;
    const unit = WINDOW_UNITS[deadline.unit] as ClaimWindow["unit"];
    const amount = deadline.unit === "weeks" ? deadline.value * 7 : deadline.value;
    return { window: { amount, unit, from: windowStart(s.text, deadline.start) }, seg: s };
  }
  return { window: null, seg: null };
}

/** Credit tiers, form, cap, claim deadline and whether the vendor's records prevail. */
export function extractCredits(ctx: ExtractContext): Credits | null {
  const segments = ctx.binding;
  const related = segments.filter((s) => has("credit", s.text) || hasIn("credit", contextText(s)));
  if (related.length === 0) return null;
  const tiers = extractCreditTiers(ctx);
  const evidence: Span[] = tiers.flatMap((t) => t.evidence ?? []);
  let cap: number | null = null;
  for (const s of related) {
    if (!has("cap", s.text)) continue;
    const capAt = s.text.search(CAP_WORD);
    if (capAt < 0) continue;
    const p = findPercents(s.text).find((x) => x.start > capAt && x.start - capAt < 64);
    if (p && p.value > 0) {
      cap = p.value;
      evidence.push(ctx.spanOf(s));
      break;
    }
    if (
      !p &&
      /^[^，。；,;]{0,40}?(?:月度?服务费|月费|monthly (?:service )?fees?)/i.test(s.text.slice(capAt))
    ) {
      cap = 100;
      evidence.push(ctx.spanOf(s));
      break;
    }
  }
  const form = formOf(related);
  evidence.push(...form.spans.map((s) => ctx.spanOf(s)));
  const claim = claimDeadline(related);
  if (claim.seg) evidence.push(ctx.spanOf(claim.seg));
  let prevail: boolean | null = null;
  for (const s of segments) {
    if (has("records_mutual", s.text)) prevail = false;
    else if (has("records_prevail", s.text)) prevail = true;
    if (prevail !== null) {
      evidence.push(ctx.spanOf(s));
      break;
    }
  }
  return {
    tiers,
    form: form.form,
    cap_percent: cap,
    claim_deadline_days: claim.window && claim.window.unit !== "months" ? claim.window.amount : null,
    claim_window: claim.window,
    vendor_records_prevail: prevail,
    evidence: uniqueSpans(evidence.length ? evidence : related.slice(0, 1).map((s) => ctx.spanOf(s))),
  };
}
