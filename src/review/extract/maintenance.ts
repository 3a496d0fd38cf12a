import type { Maintenance } from "../../terms/index.js";
import type { Signal } from "../extraction.js";
import { type ExtractContext, has, hasIn } from "./context.js";
import { findDurations, toHours } from "./numbers.js";
import { uniqueSpans } from "./span.js";
import { windowPhrase } from "./upgrades.js";

const LEAD_AFTER =
  /^\W{0,3}\s*(?:in advance|advance notice|(?:of )?(?:prior |advance )?notice|prior to|before|ahead|前|之前|以前)/i;
const LEAD_BEFORE =
  /(?:at least|no (?:less|fewer) than|not less than|minimum of|a minimum|提前|至少|不少于)\s*\W{0,3}$/i;

/**
 * The notice period of a sentence: a time marked as a lead time ("at least five days prior to",
 * "提前 72 小时"); an unmarked time only when it is the sentence's one time and the sentence names maintenance.
 */
function leadTime(text: string, namesMaintenance: boolean) {
  const durations = findDurations(text).filter((x) => x.unit !== "months" && !x.frequency);
  const marked = durations.find(
    (d) =>
      LEAD_AFTER.test(text.slice(d.end, d.end + 16)) ||
      LEAD_BEFORE.test(text.slice(Math.max(0, d.start - 20), d.start)),
  );
  if (marked) return marked;
  return namesMaintenance && durations.length === 1 ? durations[0] : undefined;
}

/** Maintenance notice (hours), window and whether it is excluded from availability. */
export function extractMaintenance(ctx: ExtractContext, notes: Signal[]): Maintenance | null {
  const segs = ctx.binding.filter(
    (s) => has("maintenance", s.text) || (hasIn("maintenance", s.section) && !hasIn("upgrade", s.section)),
  );
  if (segs.length === 0) return null;
  const out: Maintenance = {
    notice_hours: null,
    window: null,
    excluded_from_availability: null,
    evidence: [],
  };
  for (const s of segs) {
    const t = s.text;
    if (out.notice_hours === null && has("notice", t)) {
      const d = leadTime(t, has("maintenance", t));
      if (d?.unit === "business_days") {
        notes.push({
          rule: "note.business_days",
          topic: "maintenance",
          evidence: [ctx.spanOf(s)],
          note: `maintenance notice is ${d.value} business day(s); notice_hours left null`,
        });
        out.evidence.push(ctx.spanOf(s));
      } else if (d) {
        out.notice_hours = toHours(d);
        out.evidence.push(ctx.spanOf(s));
      }
    }
    if (out.window === null && has("maintenance_window", t)) {
      out.window = windowPhrase(t);
      if (out.window) out.evidence.push(ctx.spanOf(s));
    }
    if (
      out.excluded_from_availability == null &&
      has("excluded_from_availability", t) &&
      (has("availability", t) || hasIn("availability", s.section) || hasIn("exclusion", s.lead))
    ) {
      out.excluded_from_availability = true;
      out.evidence.push(ctx.spanOf(s));
    }
  }
  if (out.evidence.length === 0) return null;
  return { ...out, evidence: uniqueSpans(out.evidence) };
}
