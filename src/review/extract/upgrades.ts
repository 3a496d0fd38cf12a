import type { Upgrades } from "../../terms/index.js";
import { type ExtractContext, has } from "./context.js";
import type { Segment } from "./document.js";
import { findDurations, toDays } from "./numbers.js";
import { uniqueSpans } from "./span.js";

const TIME_WINDOW =
  /(?:(?:北京时间|UTC|GMT)\s?)?(?:每(?:周|月|天|日)[一二三四五六日天]?|周[一二三四五六日]|(?:every )?(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?)?\s?(?:凌晨|夜间|晚上|早上)?\s?\d{1,2}(?:[:：]\d{2})?\s?(?:am|pm|点|时)?\s?(?:[-–~～至到]|to)\s?(?:次日|凌晨)?\d{1,2}(?:[:：]\d{2})?\s?(?:am|pm|点|时)?(?:\s?(?:UTC|GMT|北京时间|CST)(?:[+-]\d{1,2})?)?/i;

/** A time window phrase ("每周二凌晨 02:00-06:00", "Sundays 2 AM - 4 AM UTC") or null. */
export function windowPhrase(text: string): string | null {
  const m = TIME_WINDOW.exec(text);
  return m ? m[0].trim() : null;
}

function noticeDays(seg: Segment): number | null {
  if (!has("notice", seg.text)) return null;
  const d = findDurations(seg.text).find(
    (x) => x.unit === "days" || x.unit === "hours" || x.unit === "weeks",
  );
  return d ? toDays(d) : null;
}

/** Free upgrades, security patch cadence, notice, window, gray release, rollback, no interruption. */
export function extractUpgrades(ctx: ExtractContext): Upgrades | null {
  const segs = ctx.binding.filter(
    (s) => has("upgrade", s.text) && !has("maintenance", s.text) && !has("escalation", s.text),
  );
  if (segs.length === 0) return null;
  const out: Upgrades = {
    free: null,
    security_patch_days: null,
    notice_days: null,
    gray_release: null,
    rollback: null,
    no_interruption: null,
    window: null,
    evidence: [],
  };
  const hit = (s: Segment) => out.evidence.push(ctx.spanOf(s));
  for (const s of segs) {
    const t = s.text;
    if (out.free === null && has("upgrade_paid", t)) {
      out.free = false;
      hit(s);
    } else if (out.free === null && has("upgrade_free", t)) {
      out.free = true;
      hit(s);
    }
    if (out.security_patch_days === null && has("security_patch", t)) {
      const d = findDurations(t).find((x) => x.unit !== "business_days" && x.unit !== "months");
      const days = d ? toDays(d) : null;
      if (days !== null) {
        out.security_patch_days = days;
        hit(s);
      }
    }
    if (out.notice_days === null) {
      const days = noticeDays(s);
      if (days !== null) {
        out.notice_days = days;
        hit(s);
      }
    }
    if (out.gray_release === null && has("gray_release", t)) {
      out.gray_release = true;
      hit(s);
    }
    if (out.rollback === null && has("rollback", t)) {
      out.rollback = true;
      hit(s);
    }
    if (out.no_interruption === null && has("no_interruption", t)) {
      out.no_interruption = true;
      hit(s);
    }
    if (out.window === null && has("upgrade_window", t)) {
      out.window = windowPhrase(t) ?? /(?:低峰|off-peak)/i.exec(t)?.[0] ?? null;
      if (out.window) hit(s);
    }
  }
  if (out.evidence.length === 0) return null;
  return { ...out, evidence: uniqueSpans(out.evidence) };
}
