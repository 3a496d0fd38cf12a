import type { Exclusion, ExclusionCategory } from "../../terms/index.js";
import { type ExtractContext, has, hasIn } from "./context.js";
import type { Segment } from "./document.js";

const CATEGORIES: [ExclusionCategory, string][] = [
  ["sdk_compat", "ex_sdk"],
  ["customer_network", "ex_customer_network"],
  ["third_party", "ex_third_party"],
  ["force_majeure", "ex_force_majeure"],
  ["maintenance", "ex_maintenance"],
  ["suspension", "ex_suspension"],
  ["misuse", "ex_misuse"],
  ["beta_features", "ex_beta"],
  ["customer_config", "ex_customer_config"],
  ["catch_all", "ex_catch_all"],
];

/** "does not apply to unavailability, suspension or termination due to: …": only the causes count. */
const CAUSE = /\b(?:due to|caused by|resulting from|arising from|because of|attributable to)\b/i;

/** English exclusion words in the active voice: what they exclude follows them, their subject does not. */
const ACTIVE_EXCLUSION = /\b(?:does|do|shall|will) not (?:include|apply to|cover)\b|\bexclud(?:es|ing)\b/i;

/**
 * The part of a sentence that names causes: after "due to …", or after an active exclusion verb
 * ("'Production' … does not include testing systems"); otherwise the whole sentence.
 */
function causesOf(text: string): string {
  const cause = CAUSE.exec(text);
  if (cause) return text.slice(cause.index + cause[0].length);
  const active = ACTIVE_EXCLUSION.exec(text);
  return active ? text.slice(active.index) : text;
}

/** Parenthesised examples ("(fire, strikes, acts of carriers …)"); an unbracketed "such as …" list still names carve-outs. */
const EXAMPLES = /[(（][^()（）]{0,400}[)）]/g;
/[(（][^()（）]{0,400}[)）]|(?:\bsuch as\b|\bincluding\b|例如|比如|(?<![不未])包括)[^.;。；]{0,300}/gi;

/** A clause that ends here leaves the list: the next line or sentence starts something else. */
const CLOSED = /[。．.!！?？]\W{0,3}$/;
/** An inline list goes on after "；", ":" or "," and with its next marker ("(ii) …", "or (d) …"). */
const OPEN = /[;；:：,，、]\W{0,3}$|(?:\b(?:or|and)|[或及])\s*$/i;
const INLINE_MARKER = /^\W{0,3}(?:(?:or|and)\s+)?[(（](?:\d{1,2}|[a-z]|[ivx]{1,4})[)）]/i;
/** A Markdown link's target is an address, not words ("[Announced maintenance](/docs/software-…)"). */
const LINK_TARGET = /\]\([^)\s]*\)/g;

/** A segment is read as an exclusion when it says so, or sits in an exclusion section or list. */
function inExclusionContext(seg: Segment): boolean {
  if (has("exclusion", seg.text)) return true;
  if (seg.listItem && (hasIn("exclusion", seg.lead) || hasIn("exclusion_heading", seg.section))) return true;
  return underExclusionHeading(seg.headings);
}

/**
 * The section or the section it belongs to is titled as exclusions ("4. Exclusions" › "4.1 On the
 * customer's side"): the block model's heading levels say which headings a segment sits under.
 */
function underExclusionHeading(headings: string[]): boolean {
  for (let i = Math.max(0, headings.length - 2); i < headings.length; i++) {
    const h = headings[i] as string;
    if (h.length <= 40 && hasIn("exclusion_heading", h)) return true;
  }
  return false;
}

function isBroad(category: ExclusionCategory, item: string): boolean {
  if (category === "customer_network") return has("ex_network_broad", item);
  if (category === "sdk_compat") return !has("ex_sdk_narrow", item);
  if (category === "third_party") return !has("ex_third_party_narrow", item);
  return false;
}

/** Exclusions by category (one entry per category), broad when they sweep in network fluctuation, third parties or the SDK. */
export function extractExclusions(ctx: ExtractContext): Exclusion[] {
  const found = new Map<ExclusionCategory, Exclusion>();
  const segs = ctx.doc.segments.filter(
    (s) =>
      (s.binding === "binding" || (s.binding === "illustrative" && !ctx.doc.commentary)) &&
      (s.kind !== "heading" || !ctx.doc.commentary),
  );
  let contextLine = -1;
  let contextText = "";
  let exclusionList = -1;
  // An exclusion list whose bullets were lost reads as short lines (often taken for headings) on
  // consecutive lines: each one directly under an exclusion line continues the list.
  for (const seg of segs) {
    if (seg.kind === "heading") {
      if (hasIn("exclusion_heading", seg.text)) contextLine = seg.line;
      else if (contextLine >= 0 && seg.line - contextLine === 1 && seg.text.length <= 80)
        contextLine = seg.line;
      // a sub-heading of an exclusions section names a cause ("4.2 Force majeure")
      else if (seg.headings.length > 0 && underExclusionHeading(seg.headings.slice(-1)))
        contextLine = seg.line;
      else continue;
      if (hasIn("exclusion_heading", seg.text)) continue;
    } else if (inExclusionContext(seg)) contextLine = seg.line;
    else if (
      contextLine >= 0 &&
      seg.line - contextLine === 1 &&
      seg.text.length <= 100 &&
      !CLOSED.test(contextText)
    )
      contextLine = seg.line;
    // a list item right under an exclusion line or a previous item (a blank line between is allowed)
    else if (contextLine >= 0 && seg.listItem && seg.line - contextLine <= 2) contextLine = seg.line;
    // any item of the list an exclusion line introduces, however far down (the block model's list)
    else if (seg.listItem && seg.listStart === exclusionList) contextLine = seg.line;
    // the next sentence of the same paragraph only while an inline list goes on
    else if (seg.line !== contextLine || !(OPEN.test(contextText) || INLINE_MARKER.test(seg.text))) continue;
    contextText = seg.text;
    // the list this line introduces (the next block), or the list it belongs to, is an exclusion list
    exclusionList = seg.listItem ? seg.listStart : seg.block + 1;
    // the examples of a force-majeure clause ("beyond its reasonable control (fire, strikes, acts of
    // carriers …)") are force majeure, not carve-outs of their own
    const named = causesOf(seg.text.replace(LINK_TARGET, "]"));
    const forceMajeure = has("ex_force_majeure", named);
    const causes = forceMajeure ? named.replace(EXAMPLES, " ") : named;
    const items = causes.split(/[、，,;；]|\bor\b|\band\b|或者?|及|以及/);
    if (forceMajeure) items.push("force majeure");
    if (has("ex_customer_network_compound", causes)) items.unshift("customer network");
    for (const item of items) {
      for (const [category, name] of CATEGORIES) {
        if (!has(name, item)) continue;
        if (category === "customer_config" && (has("ex_customer_network", item) || has("ex_sdk", item)))
          continue;
        if (category === "maintenance" && has("ex_customer_config", item)) continue;
        const broad = isBroad(category, item);
        const seen = found.get(category);
        const span = ctx.spanOf(seg);
        if (!seen) found.set(category, { category, broad, evidence: [span] });
        else {
          seen.broad ||= broad;
          if (!seen.evidence.some((e) => e.start === span.start)) seen.evidence.push(span);
        }
        break;
      }
    }
  }
  return [...found.values()];
}
