import type { Signal } from "../extraction.js";
import { type ExtractContext, has } from "./context.js";
import type { Segment } from "./document.js";
import { loadLexicon } from "./lexicon.js";
import { findDurations } from "./numbers.js";

/** Extra conditions a rule needs beyond its pattern. */
function applies(rule: string, seg: Segment, committedRca: boolean): boolean {
  switch (rule) {
    case "vague.no_number":
      return findDurations(seg.text).length === 0;
    case "vague.assist_only":
      return !committedRca;
    case "trap.unilateral_change":
    case "trap.silent_upgrade":
      return true;
    default:
      return true;
  }
}

/** Vague wording and traps in binding text, each with the sentence or row as evidence. */
export function extractSignals(ctx: ExtractContext, committedRca: boolean): Signal[] {
  const lexicon = loadLexicon();
  const out: Signal[] = [];
  const segs = ctx.doc.segments.filter(
    (s) =>
      s.kind !== "heading" &&
      (s.binding === "binding" ||
        (s.binding === "illustrative" && !ctx.doc.commentary) ||
        marketingOnly(s, ctx, lexicon)),
  );
  for (const seg of segs) {
    let unilateral = false;
    const candidate = lexicon.anySignal.test(seg.text);
    for (const rule of candidate ? lexicon.signals : []) {
      if (!rule.pattern.test(seg.text) || !applies(rule.rule, seg, committedRca)) continue;
      if (rule.rule === "trap.unilateral_change") unilateral = true;
      if (rule.rule === "trap.silent_upgrade" && unilateral) continue;
      out.push({ rule: rule.rule, topic: rule.topic, evidence: [ctx.spanOf(seg)] });
    }
    if (!committedRca && has("assist_only", seg.text)) {
      out.push({ rule: "vague.assist_only", topic: "rca", evidence: [ctx.spanOf(seg)] });
    }
  }
  return out;
}

/**
 * A vendor sentence set aside only for a boast ("我们尽力提供最佳支持"): its numbers are not
 * commitments, but its hedges are still the vendor's words and are flagged.
 */
function marketingOnly(seg: Segment, ctx: ExtractContext, lexicon: ReturnType<typeof loadLexicon>): boolean {
  return (
    seg.binding === "commentary" &&
    !ctx.doc.commentary &&
    lexicon.binding.marketing?.test(seg.text) === true &&
    lexicon.binding.commentary?.test(seg.text) !== true
  );
}
