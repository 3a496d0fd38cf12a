import type { CreditTier } from "../../terms/index.js";
import { contextText, type ExtractContext, has, hasIn, lastIndexOfLex } from "./context.js";
import type { Segment } from "./document.js";
import { findPercents, maskNegatedBelow, type Percent } from "./numbers.js";

/** An inclusive upper bound written to two decimals ("97% - 98.99%") means below the next threshold (99). */
function nextThreshold(value: number | null): number | null {
  if (value === null) return null;
  const cents = Math.round(value * 100);
  return cents % 100 === 99 ? (cents + 1) / 100 : value;
}

/** The "below" bound of a threshold text: "Less than 99.9% but at least 99.0%" → 99.9, "99%-99.9%" → 99.9. */
export function belowBound(text: string, percents: Percent[], from = 0): number | null {
  return nextThreshold(rawBelowBound(text, percents, from));
}

function rawBelowBound(text: string, percents: Percent[], from: number): number | null {
  const usable = percents.filter((p) => p.value >= 50 && p.value < 100);
  if (usable.length === 0) return null;
  let prevEnd = from;
  for (const p of percents) {
    const before = maskNegatedBelow(text.slice(Math.max(prevEnd, p.start - 24), p.start));
    prevEnd = p.end;
    if (p.value < 50 || p.value >= 100) continue;
    if (lastIndexOfLex("below", before) > lastIndexOfLex("at_least", before)) return p.value;
    // "95% > Av", also with Markdown's escape ("95% \> Av")
    if (/^\s?\\?[>＞]/.test(text.slice(p.end, p.end + 4))) return p.value;
  }
  if (usable.length >= 2) return Math.max(...usable.map((p) => p.value));
  return null;
}

const RANGE_TAIL = /(?:[-–—~～]|\bto\b|至|到|\band\b|\bbut\b|但|且|并且)$/i;

/** True when the text between two percentages ties them into one threshold ("99% to < 99.5%"). */
function joinsThreshold(between: string): boolean {
  const t = maskNegatedBelow(between);
  return has("below", t) || has("at_least", t) || (t.trim().length <= 8 && RANGE_TAIL.test(t.trim()));
}

/**
 * Tiers in one run of text: threshold percentages followed by a credit percentage, repeated
 * ("99% to < 99.5% 10% 95% to < 99% 25% < 95% 50%", "低于 99.9% 但不低于 99% 的，赔偿 10%").
 */
export function tiersInRun(text: string): { below: number; credit: number }[] {
  const percents = findPercents(text);
  const out: { below: number; credit: number }[] = [];
  let group: Percent[] = [];
  let groupStart = 0;
  let prevEnd = 0;
  for (const p of percents) {
    const between = text.slice(prevEnd, p.start);
    if (group.length > 0 && !joinsThreshold(between) && p.value > 0 && p.value <= 100) {
      const below = belowBound(text, group, groupStart);
      if (below !== null) out.push({ below, credit: p.value });
      group = [];
      groupStart = p.end;
    } else {
      if (group.length === 0) groupStart = prevEnd;
      group.push(p);
    }
    prevEnd = p.end;
  }
  return out;
}

/** A credit stated before its threshold: "10% of the amount Customer paid … where Uptime was less than 99.9%". */
const CREDIT_FIRST =
  /^\s?(?:credit\s)?of (?:the |your |customer's |all )?(?:amounts?|fees?|monthly|charges|total|service fees|subscription)/i;

/** Tiers whose credit comes first and the threshold after it, up to the next such credit. */
export function creditFirstTiers(text: string): { below: number; credit: number }[] {
  const percents = findPercents(text);
  const heads = percents.filter(
    (p) => p.value > 0 && p.value <= 100 && CREDIT_FIRST.test(text.slice(p.end, p.end + 40)),
  );
  const out: { below: number; credit: number }[] = [];
  heads.forEach((head, n) => {
    const end = heads[n + 1]?.start ?? text.length;
    const run = percents.filter((p) => p.start > head.end && p.end <= end);
    const below = belowBound(text, run, head.end);
    if (below !== null) out.push({ below, credit: head.value });
  });
  return out;
}

const NOT_APPLICABLE = /^\s*(?:n\/?a|—|-|–|不适用|无)?\s*$/i;

/**
 * A row of a credit matrix with one column per guaranteed level: a threshold in the first cell,
 * then a credit (or "n/a") in each column; one pair per credit cell, duplicates kept.
 */
function matrixRow(s: Segment): { below: number; credit: number }[] | null {
  if (s.kind !== "row" || s.cells.length < 3) return null;
  const first = s.cells[0]?.text ?? "";
  const firstPercents = findPercents(first);
  if (firstPercents.length === 0 || !(has("below", first) || firstPercents.length >= 2)) return null;
  const below = belowBound(first, firstPercents);
  if (below === null) return null;
  const credits: number[] = [];
  for (const cell of s.cells.slice(1)) {
    if (NOT_APPLICABLE.test(cell.text)) continue;
    const m = /^\s*(\d{1,3}(?:\.\d+)?)\s?%\s*$/.exec(cell.text);
    if (!m) return null;
    credits.push(Number(m[1]));
  }
  return credits.length >= 2 ? credits.map((credit) => ({ below, credit })) : null;
}

/** A line holding only a credit percentage; a trailing "|" is what is left of a flattened table cell. */
const BARE_PERCENT = /^\s*\d{1,3}(?:\.\d+)?\s?%\s*(?:credit|赔偿|of [^.]{0,40})?[\s|｜]*$/i;

/** True when the segment or one of the three before it speaks of credits. */
function nearCredit(flags: boolean[], i: number): boolean {
  for (let k = Math.max(0, i - 3); k <= i; k++) if (flags[k]) return true;
  return false;
}

/** A short line that is only a threshold: "Less than 99.9% but at least 99.0%", "99% - 99.9%", "< 95%". */
function thresholdLine(s: Segment): boolean {
  if (s.kind === "row" || s.text.length > 90 || BARE_PERCENT.test(s.text)) return false;
  const percents = findPercents(s.text);
  return (
    percents.length > 0 && tiersInRun(s.text).length === 0 && (has("below", s.text) || percents.length >= 2)
  );
}

/**
 * A credit table flattened column by column: a run of k threshold lines, then k lines each holding
 * only the credit percentage. Returns the pairs in order; an empty list when the run is followed by
 * bare percentages of another count (no pairing can be trusted); null when `i` starts no such run.
 */
function thresholdColumn(segs: Segment[], i: number): [Segment, Segment][] | null {
  const near = (j: number) => (segs[j] as Segment).line - (segs[j - 1] as Segment).line <= 3;
  if (i > 0 && thresholdLine(segs[i - 1] as Segment) && near(i)) return null;
  let j = i;
  while (j < segs.length && thresholdLine(segs[j] as Segment) && (j === i || near(j))) j++;
  const k = j - i;
  if (k < 2) return null;
  let m = j;
  while (m < segs.length && BARE_PERCENT.test((segs[m] as Segment).text) && near(m)) m++;
  if (m === j) return null;
  if (m - j !== k) return segs.slice(i, m).map((t) => [t, t]);
  return segs.slice(i, j).map((t, n) => [t, segs[j + n] as Segment]);
}

/**
 * Credit tiers from rows, prose ("低于 99.9% 但不低于 99% 赔偿 10%") and tables flattened to lines
 * (a threshold line followed by a line holding only the credit percentage).
 */
export function extractCreditTiers(ctx: ExtractContext): CreditTier[] {
  const segs = ctx.binding;
  const tiers: CreditTier[] = [];
  const add = (below: number, credit: number, evidence: Segment[], keepDuplicate = false) => {
    if (!keepDuplicate && tiers.some((t) => t.below_percent === below && t.credit_percent === credit)) return;
    tiers.push({
      below_percent: below,
      credit_percent: credit,
      evidence: evidence.map((s) => ctx.spanOf(s)),
    });
  };
  const flags = segs.map((s) => has("credit", s.text) || hasIn("credit", contextText(s)));
  const paired = new Set<number>();
  segs.forEach((s, i) => {
    if (!nearCredit(flags, i) || paired.has(i)) return;
    const column = thresholdColumn(segs, i);
    if (column) {
      for (const [t, c] of column) {
        paired.add(segs.indexOf(t)).add(segs.indexOf(c));
        if (t === c) continue; // counts differ: the lines are consumed, no tier is guessed
        const below = belowBound(t.text, findPercents(t.text));
        const credit = findPercents(c.text)[0];
        if (below !== null && credit) add(below, credit.value, [t, c]);
      }
      return;
    }
    const matrix = matrixRow(s);
    if (matrix) {
      for (const tier of matrix) add(tier.below, tier.credit, [s], true);
      return;
    }
    if (s.kind !== "row" && has("cap", s.text) && !has("below", s.text)) return;
    const pieces = s.kind === "row" ? [s.text] : s.text.split(/[;；]/);
    let found = false;
    for (const piece of pieces) {
      const creditFirst = creditFirstTiers(piece);
      for (const tier of creditFirst.length > 0 ? creditFirst : tiersInRun(piece)) {
        add(tier.below, tier.credit, [s]);
        found = true;
      }
    }
    const next = segs[i + 1];
    if (found || !next || next.line - s.line > 3 || s.text.length > 90 || !BARE_PERCENT.test(next.text))
      return;
    const percents = findPercents(s.text);
    const below = belowBound(s.text, percents);
    const credit = findPercents(next.text)[0];
    if (below !== null && credit && (has("below", s.text) || percents.length >= 2))
      add(below, credit.value, [s, next]);
  });
  return tiers;
}
