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

function claimDeadline(segments: Segment[]): { days: number | null; seg: Segment | null } {
  let vague: Segment | null = null;
  for (const s of segments) {
    if (!has("claim", s.text)) continue;
    const durations = findDurations(s.text);
    const d = durations.find((x) => x.unit === "days" || x.unit === "weeks");
    if (d) return { days: d.unit === "weeks" ? d.value * 7 : d.value, seg: s };
    if (!vague && durations.some((x) => x.unit === "business_days" || x.unit === "months")) vague = s;
  }
  return { days: null, seg: vague };
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
    claim_deadline_days: claim.days,
    vendor_records_prevail: prevail,
    evidence: uniqueSpans(evidence.length ? evidence : related.slice(0, 1).map((s) => ctx.spanOf(s))),
  };
}
