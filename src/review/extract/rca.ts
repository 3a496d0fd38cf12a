import type { Rca } from "../../terms/index.js";
import type { Signal } from "../extraction.js";
import { type ExtractContext, has } from "./context.js";
import { findDurations, toHours } from "./numbers.js";
import { uniqueSpans } from "./span.js";

const CONTENTS = [
  ["cause", "rca_cause"],
  ["impact", "rca_impact"],
  ["timeline", "rca_timeline"],
  ["prevention", "rca_prevention"],
] as const;

/** Root-cause report: committed?, deadline in hours (business days give null and a note), contents. */
export function extractRca(ctx: ExtractContext, notes: Signal[]): Rca | null {
  const segs = ctx.binding;
  const mentions = segs.filter((s) => has("rca", s.text));
  if (mentions.length === 0) return null;
  const committing = mentions.find(
    (s) =>
      has("rca_commit", s.text) && !has("rca_negated", s.text) && !has("negation_near", s.text.slice(0, 12)),
  );
  const negated = mentions.find((s) => has("rca_negated", s.text));
  if (!committing) {
    if (!negated) return null;
    return { committed: false, deadline_hours: null, contents: [], evidence: [ctx.spanOf(negated)] };
  }
  const evidence = [ctx.spanOf(committing)];
  let deadline: number | null = null;
  let businessDays: number | null = null;
  const d = findDurations(committing.text).find((x) => x.unit !== "months");
  if (d?.unit === "business_days") {
    businessDays = d.value;
    notes.push({
      rule: "note.business_days",
      topic: "rca",
      evidence: [ctx.spanOf(committing)],
      note: `rca deadline is ${d.value} business day(s); deadline_hours left null`,
    });
  } else if (d) {
    deadline = toHours(d);
  }
  const idx = segs.indexOf(committing);
  const window = segs.slice(idx, idx + 4).filter((s, k) => k === 0 || s.line - committing.line <= 4);
  const contents: Rca["contents"] = [];
  for (const [content, name] of CONTENTS) {
    const where = window.find(
      (s, k) =>
        has(name, k === 0 ? committing.text : s.text) &&
        (k === 0 || has("rca", s.text) || s.listItem || s.kind === "row"),
    );
    if (where) {
      contents.push(content);
      evidence.push(ctx.spanOf(where));
    }
  }
  return {
    committed: true,
    deadline_hours: deadline,
    deadline_business_days: businessDays,
    contents,
    evidence: uniqueSpans(evidence),
  };
}
