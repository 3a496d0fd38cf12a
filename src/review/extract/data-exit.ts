import type { DataExit } from "../../terms/index.js";
import { type ExtractContext, has, hasIn, lastIndexOfLex } from "./context.js";
import type { Segment } from "./document.js";
import { findDurations, toDays } from "./numbers.js";
import { uniqueSpans } from "./span.js";

type Action = "export" | "deletion" | "retention";
const ACTIONS: Action[] = ["export", "deletion", "retention"];

/** The action a number of days belongs to: an action word right after it ("7 天内删除"), else the nearest before it. */
function actionOf(text: string, start: number, end: number): Action | null {
  const after = (text.slice(end, end + 14).split(/[，,；;。:：]|\band\b|及|并/)[0] ?? "").slice(0, 12);
  for (const a of ACTIONS) if (has(a, after)) return a;
  const before = text.slice(0, start);
  let best: Action | null = null;
  let bestAt = -1;
  for (const a of ACTIONS) {
    const at = lastIndexOfLex(a, before);
    if (at > bestAt) {
      bestAt = at;
      best = a;
    }
  }
  return best;
}

/** Retention for the customer to take the data out: "以便于您提取", "让订阅者能够导出", "to allow you to export". */
const EXPORT_PURPOSE =
  /(?:以便|以供|让|使|供)[^，。；]{0,12}(?:导出|提取|撷取|取回|下载|迁移|解压缩)|\b(?:so (?:that )?|to (?:allow|enable|let) |for )(?:you|customers?|subscribers?)\b[^.;]{0,20}\b(?:export|retrieve|extract|download|migrate)/i;

/** The one kind of action a sentence speaks of, or null when it names none or several. */
function onlyAction(text: string): Action | null {
  const named = ACTIONS.filter((a) => has(a, text));
  return named.length === 1 ? (named[0] as Action) : null;
}

/** What happens to the customer's data after termination: export window, deletion, retention. */
export function extractDataExit(ctx: ExtractContext): DataExit | null {
  const terminationLines = new Set(ctx.binding.filter((s) => has("termination", s.text)).map((s) => s.line));
  const segs = ctx.binding.filter(
    (s) =>
      (has("data", s.text) || hasIn("data", s.section)) &&
      (terminationLines.has(s.line) || hasIn("termination", s.section)) &&
      ACTIONS.some((a) => has(a, s.text)),
  );
  if (segs.length === 0) return null;
  const out: DataExit = { export_days: null, deletion_days: null, retention_days: null, evidence: [] };
  for (const s of segs) {
    for (const d of findDurations(s.text)) {
      const days = toDays(d);
      if (days === null) continue;
      let action = actionOf(s.text, d.start, d.end) ?? onlyAction(s.text);
      // data kept N days "so that you can extract it" is an export window
      if (action === "retention" && EXPORT_PURPOSE.test(s.text.slice(d.end, d.end + 60))) action = "export";
      if (!action) continue;
      const key = `${action}_days` as const;
      if (out[key] === null) {
        out[key] = days;
        out.evidence.push(ctx.spanOf(s));
      }
    }
  }
  deadlineThenAction(ctx, out);
  if (out.evidence.length === 0) out.evidence.push(ctx.spanOf(segs[0] as (typeof segs)[number]));
  return { ...out, evidence: uniqueSpans(out.evidence) };
}

/** A maximum: "不得超过 180 天", "最迟", "no later than", "within". */
const DEADLINE =
  /不(?:得|会|应)?超过|最迟|最多|以内|之内|\bno later than\b|\bwithin\b|\bnot (?:to )?exceed|\bat the latest\b/i;

/**
 * "No later than 180 days after the subscription ends. The vendor then deletes all customer data.":
 * a deadline after termination that names no action takes the one action of the next sentence of
 * the same paragraph, when that sentence speaks of the data and gives no time of its own.
 */
function deadlineThenAction(ctx: ExtractContext, out: DataExit): void {
  const b = ctx.binding;
  for (let i = 0; i + 1 < b.length; i++) {
    const s = b[i] as Segment;
    const next = b[i + 1] as Segment;
    if (next.line !== s.line || !DEADLINE.test(s.text) || !has("termination", s.text)) continue;
    if (ACTIONS.some((a) => has(a, s.text)) || !has("data", next.text) || findDurations(next.text).length > 0)
      continue;
    const action = onlyAction(next.text);
    const d = findDurations(s.text)[0];
    const days = d ? toDays(d) : null;
    if (action !== "deletion" || days === null || out.deletion_days !== null) continue;
    out.deletion_days = days;
    out.evidence.push(ctx.spanOf(s), ctx.spanOf(next));
  }
}
