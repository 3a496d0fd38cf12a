import type { Maintenance } from "../../terms/index.js";
import type { Signal } from "../extraction.js";
import { type ExtractContext, has, hasIn } from "./context.js";
import { findDurations, toHours } from "./numbers.js";
import { uniqueSpans } from "./span.js";
import { windowPhrase } from "./upgrades.js";

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
    if (out.notice_hours === null && has("notice", t) && has("maintenance", t)) {
      const d = findDurations(t).find((x) => x.unit !== "months");
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
