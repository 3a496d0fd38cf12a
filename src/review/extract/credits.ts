import type { CreditTier, Credits, Span } from "../../terms/index.js";
import { type ExtractContext, contextText, has, lastIndexOfLex } from "./context.js";
import type { Segment } from "./document.js";
import { findDurations, findPercents, type Percent } from "./numbers.js";
import { uniqueSpans } from "./span.js";

/** The "below" bound of a threshold text: "Less than 99.9% but at least 99.0%" → 99.9, "99%-99.9%" → 99.9. */
export function belowBound(text: string, percents: Percent[]): number | null {
  const usable = percents.filter((p) => p.value >= 50 && p.value < 100);
  if (usable.length === 0) return null;
  let prevEnd = 0;
  for (const p of percents) {
    const before = text.slice(Math.max(prevEnd, p.start - 16), p.start).replace(/不(?:低于|少于|小于)/g, "≥≥≥");
    prevEnd = p.end;
    if (p.value < 50 || p.value >= 100) continue;
    if (lastIndexOfLex("below", before) > lastIndexOfLex("at_least", before)) return p.value;
    if (/^\s?[>＞]/.test(text.slice(p.end, p.end + 3))) return p.value;
  }
  if (usable.length >= 2) return Math.max(...usable.map((p) => p.value));
  return null;
}

function tierOf(text: string, creditHint: boolean): { below: number; credit: number } | null {
  const percents = findPercents(text);
  if (percents.length < 2) return null;
  const credit = percents[percents.length - 1] as Percent;
  if (credit.value <= 0 || credit.value > 100) return null;
  const thresholdText = text.slice(0, credit.start);
  const below = belowBound(thresholdText, percents.slice(0, -1));
  if (below === null || below <= credit.value - 100) return null;
  if (!creditHint && lastIndexOfLex("credit", text) < 0) return null;
  return { below, credit: credit.value };
}

function isCap(text: string): boolean {
  return has("cap", text) && !has("below", text);
}

function formOf(segments: Segment[]): { form: Credits["form"]; spans: Segment[] } {
  const all = segments.filter((s) => has("credit", s.text) || has("credit", contextText(s)));
  const pick = (name: string, negatable = false) =>
    all.find((s) => {
      if (!has(name, s.text)) return false;
      if (!negatable) return true;
      const at = s.text.search(new RegExp(`(?:${["现金", "退款", "cash", "refund"].join("|")})`, "i"));
      return at >= 0 && !has("negation_near", s.text.slice(Math.max(0, at - 16), at));
    });
  const voucher = pick("form_voucher");
  if (voucher) return { form: "voucher", spans: [voucher] };
  const extension = pick("form_extension");
  if (extension) return { form: "extension", spans: [extension] };
  const cash = pick("form_cash", true);
  if (cash) return { form: "cash", spans: [cash] };
  const credit = pick("form_service_credit");
  if (credit) return { form: "service_credit", spans: [credit] };
  return { form: null, spans: [] };
}

function claimDeadline(segments: Segment[]): { days: number | null; seg: Segment | null } {
  for (const s of segments) {
    if (!has("claim", s.text)) continue;
    const d = findDurations(s.text).find((x) => x.unit === "days" || x.unit === "weeks" || x.unit === "business_days" || x.unit === "months");
    if (!d) continue;
    if (d.unit === "days") return { days: d.value, seg: s };
    if (d.unit === "weeks") return { days: d.value * 7, seg: s };
    return { days: null, seg: s };
  }
  return { days: null, seg: null };
}

/** Credit tiers, form, cap, claim deadline and whether the vendor's records prevail. */
export function extractCredits(ctx: ExtractContext): Credits | null {
  const segments = ctx.binding;
  const related = segments.filter((s) => has("credit", s.text) || has("credit", contextText(s)));
  if (related.length === 0) return null;
  const tiers: CreditTier[] = [];
  const evidence: Span[] = [];
  for (const s of related) {
    if (s.kind !== "row" && isCap(s.text)) continue;
    const hint = has("credit", contextText(s));
    const pieces = s.kind === "row" ? [s.text] : s.text.split(/[;；]/);
    for (const piece of pieces) {
      const tier = tierOf(piece, hint);
      if (!tier || tiers.some((t) => t.below_percent === tier.below && t.credit_percent === tier.credit)) continue;
      const span = ctx.spanOf(s);
      tiers.push({ below_percent: tier.below, credit_percent: tier.credit, evidence: [span] });
      evidence.push(span);
    }
  }
  let cap: number | null = null;
  for (const s of related) {
    if (!has("cap", s.text)) continue;
    const capAt = s.text.search(new RegExp(`(?:${["不超过", "不得超过", "最高", "上限", "封顶", "最多", "exceed", "maximum", "cap", "up to", "more than"].join("|")})`, "i"));
    const p = findPercents(s.text).find((x) => x.start > capAt && x.start - capAt < 40);
    if (p && capAt >= 0 && !has("below", s.text.slice(capAt, p.start))) {
      cap = p.value;
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
