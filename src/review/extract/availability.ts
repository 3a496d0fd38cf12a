import type { Availability } from "../../terms/index.js";
import { contextText, type ExtractContext, has, hasIn } from "./context.js";
import type { Segment } from "./document.js";
import { lexUnion } from "./lexicon.js";
import { findPercents, maskNegatedBelow } from "./numbers.js";
import { uniqueSpans } from "./span.js";

function windowOf(text: string): Availability["window"] {
  if (has("window_month", text)) return "month";
  if (has("window_quarter", text)) return "quarter";
  if (has("window_year", text)) return "year";
  return null;
}

function formulaOf(text: string): Availability["formula"] {
  // "the average of the 5-minute failure rates" is a request-success measure even though it names slots
  if (has("formula_interval_average", text)) return "requests";
  if (has("formula_slots", text)) return "slots";
  if (has("formula_requests", text)) return "requests";
  if (has("formula_time", text)) return "time";
  return null;
}

/** A percentage in [90, 100) not introduced by a "below" word: a target, not a threshold. */
function firstTarget(text: string): number | null {
  for (const p of findPercents(text)) {
    if (p.value < 90 || p.value >= 100) continue;
    const before = maskNegatedBelow(text.slice(Math.max(0, p.start - 40), p.start));
    if (has("below", before.slice(-12))) continue;
    return p.value;
  }
  return null;
}

/** "99.5%", ">= 99.9% |", "Speech API >= 99.9%": a line that is only a percentage, or a name and a floor. */
const BARE_PERCENT_LINE =
  /^(?:[^%％\n]{0,100}?(?:>=|≥)\s*|\s*(?:[≥>]=?\s*)?)\d{2,3}(?:\.\d+)?\s?[%％][\s|｜]*$/;

/**
 * A line holding only a percentage ("99.5%", "Covered API >= 99.9%") under a committing availability
 * line within the three segments above ("Guaranteed availability by plan tier." / "Standard" / "99.5%"):
 * plan cards or a table flattened to lines. A measured figure under "Monthly Uptime" has no
 * committing word and is not a target.
 */
function bareTarget(seg: Segment, all: Segment[]): number | null {
  if (seg.kind !== "sentence" || !BARE_PERCENT_LINE.test(seg.text)) return null;
  for (let k = seg.index - 1; k >= Math.max(0, seg.index - 3); k--) {
    const above = all[k] as Segment;
    if (seg.line - above.line > 4 || above.binding === "commentary" || has("credit", above.text)) return null;
    if (has("availability", above.text) && has("availability_target", above.text))
      return firstTarget(seg.text);
  }
  return null;
}

/** A target in a sentence, or in a table row whose table is about availability, not credits. */
function targetIn(seg: Segment): number | null {
  if (seg.kind === "row") {
    const header = seg.table?.header?.map((c) => c.text).join(" ") ?? "";
    if (
      !has("availability", `${header} ${seg.table?.context ?? ""}`) ||
      has("credit", `${header} ${seg.text}`)
    )
      return null;
    return findPercents(seg.text).length === 1 ? firstTarget(seg.text) : null;
  }
  if (!has("availability", seg.text)) return null;
  if (findPercents(seg.text).length >= 2 && has("credit", seg.text)) return null;
  return firstTarget(seg.text);
}

/** Availability target, window, formula and who measures it. */
export function extractAvailability(ctx: ExtractContext): Availability | null {
  const mentions = ctx.binding.filter((s) => has("availability", s.text) || hasIn("availability", s.section));
  if (mentions.length === 0) return null;
  const targets = ctx.binding.map((s) => ({ s, v: targetIn(s) })).filter((x) => x.v !== null);
  const prose = targets.filter((x) => x.s.kind !== "row");
  const cards = targets.length > 0 ? [] : ctx.binding.map((s) => ({ s, v: bareTarget(s, ctx.doc.segments) }));
  const committed =
    prose.find((x) => has("availability_target", x.s.text)) ??
    prose[0] ??
    targets[0] ??
    cards.find((x) => x.v !== null);
  const target = committed?.v ?? null;
  const defining = mentions.filter((s) => s.kind !== "row" || hasIn("availability", contextText(s)));
  let formula: Availability["formula"] = null;
  const evidence = committed ? [ctx.spanOf(committed.s)] : [];
  const formulaSegments = ctx.binding.filter(
    (s) =>
      s.kind !== "row" &&
      (has("availability", s.text) || has("unavailability", s.text) || hasIn("availability", s.section)),
  );
  let averaged = false;
  for (const s of formulaSegments) {
    const f = formulaOf(s.text);
    if (!f || averaged) continue;
    averaged = f === "requests" && has("formula_interval_average", s.text);
    if (
      averaged ||
      formula === null ||
      (formula === "time" && f !== "time") ||
      (formula === "requests" && f === "slots")
    ) {
      formula = f;
      evidence.push(ctx.spanOf(s));
    }
  }
  const windowSource = committed ? `${committed.s.text} ${committed.s.section}` : "";
  let window = windowOf(windowSource);
  if (window === null) {
    for (const s of [...defining, ...ctx.binding.filter((x) => has("period_definition", x.text))]) {
      window = windowOf(s.text);
      if (window) break;
    }
  }
  let measuredBy: Availability["measured_by"] = null;
  const gate = lexUnion(["measured_third_party", "measured_customer", "measured_vendor", "records_prevail"]);
  for (const s of ctx.binding) {
    if (!gate.test(s.text)) continue;
    if (has("measured_third_party", s.text)) measuredBy = "third_party";
    else if (has("measured_customer", s.text)) measuredBy = "customer";
    else if (has("measured_vendor", s.text) || has("records_prevail", s.text)) measuredBy = "vendor";
    if (measuredBy) {
      evidence.push(ctx.spanOf(s));
      break;
    }
  }
  if (target === null && formula === null && measuredBy === null && window === null) return null;
  if (evidence.length === 0) evidence.push(ctx.spanOf(mentions[0] as Segment));
  return {
    target_percent: target,
    window,
    formula,
    measured_by: measuredBy,
    evidence: uniqueSpans(evidence),
  };
}
