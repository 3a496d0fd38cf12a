import type { SupportTier } from "../../terms/index.js";
import { type ExtractContext, has } from "./context.js";
import type { Segment, Table } from "./document.js";
import { type Duration, findDurations } from "./numbers.js";
import { isCodeLabel, type SeverityMatch, severitiesInProse, severityOfCell } from "./severity.js";
import { uniqueSpans } from "./span.js";
import { tiersOfTable } from "./support-table-tiers.js";
import { coverageOf, emptyTier, type Metric, metricOf, setMetric, timed, usable } from "./tier-metrics.js";

export { coverageOf } from "./tier-metrics.js";

function describe(text: string, from: number, to: number): string | null {
  const raw = text
    .slice(from, to)
    .replace(/[(（][^()（）]{0,30}[)）]/g, "")
    .replace(/^[\s:：、,，.\-–—|]+|[\s:：、,，.\-–—|]+$/g, "")
    .replace(/^(?:级|故障|问题|事件|issues?|incidents?)[\s:：,，]*/i, "");
  if (raw.length < 2 || raw.length > 60 || has("response", raw) || has("resolution", raw) || /\d/.test(raw))
    return null;
  return raw;
}

/** A short line that is a flattened table row: "Critical1 hour", "紧急 15 分钟". */
function labelLine(seg: Segment, durations: Duration[]): SupportTier | null {
  const first = durations[0] as Duration;
  if (seg.text.length > 50 || first.start === 0) return null;
  const label = severityOfCell(seg.text.slice(0, first.start));
  if (!label) return null;
  const context = `${seg.section} ${seg.lead}`;
  const hint: Metric | null = has("response", context)
    ? "response"
    : has("resolution", context)
      ? "resolution"
      : null;
  const tier = emptyTier(label.severity);
  let from = 0;
  for (const d of durations) {
    const metric = metricOf(seg.text, d, from) ?? hint;
    if (metric) setMetric(tier, metric, d);
    from = d.end;
  }
  return timed(tier) ? tier : null;
}

/** Words and marks that may stand around times on a line without saying anything of their own. */
const FILLER =
  /[\s<>≤≥~*()（）,，、;；:：/|+\-–]|\b(?:within|in|up to|less than|under|n\/a|best[- ]effort|and|or)\b|24\s*[x×/]\s*7|以内|之内|内|小于|不超过/gi;

/** True when the text after `from` holds only times and filler: "< 1 hour", "N/A Within 2 business hours", "2小时内". */
function valueOnly(text: string, durations: Duration[], from = 0): boolean {
  let rest = "";
  let at = from;
  for (const d of durations) {
    if (d.start < from) continue;
    rest += text.slice(at, d.start);
    at = d.end;
  }
  rest += text.slice(at);
  return rest.replace(FILLER, "").length <= 2;
}

/** A short line that only names a metric ("Initial Response", "Resolution", "响应时间"), as in a card layout. */
function labelMetric(seg: Segment | null): Metric | null {
  if (!seg || seg.text.length > 30 || findDurations(seg.text).length > 0) return null;
  const response = has("response", seg.text);
  const resolution = has("resolution", seg.text);
  if (response === resolution) return null;
  return response ? "response" : "resolution";
}

/** The metric named by the line just above (at most one blank line between), as in a card layout. */
function labelAbove(seg: Segment, above: Segment | undefined): Metric | null {
  return above && seg.line - above.line <= 2 ? labelMetric(above) : null;
}

/** The one kind of support time the document speaks of ("response times" and never resolution ones), or null. */
function documentMetric(ctx: ExtractContext): Metric | null {
  let response = false;
  let resolution = false;
  for (const s of ctx.doc.segments) {
    if (s.binding === "commentary") continue;
    response ||= has("response_time", s.text);
    resolution ||= has("resolution_time", s.text);
  }
  if (response === resolution) return null;
  return response ? "response" : "resolution";
}

/** "1 Business Critical N/A Within 2 business hours …": a numbered level named in words, in a run of such lines. */
const RANK_ROW = /^([1-5])\s+((?:(?!Within\b)[A-Z][a-z][A-Za-z-]*\s+){1,4})/;

function rankLabel(
  seg: Segment,
  neighbours: (Segment | undefined)[],
  durations: Duration[],
): SeverityMatch | null {
  const m = RANK_ROW.exec(seg.text);
  if (!m || (durations[0]?.start ?? 0) === 0) return null;
  const rank = Number(m[1]);
  const sequenced = neighbours.some((n) => {
    const k = n ? RANK_ROW.exec(n.text) : null;
    return k !== null && Math.abs(Number(k[1]) - rank) === 1;
  });
  if (!sequenced) return null;
  return { severity: (m[2] as string).trim(), start: 0, end: m[0].trimEnd().length };
}

/** A line that is only a level's name ("紧急", "Critical"), as in a card layout. */
function bareLabel(seg: Segment): SeverityMatch | null {
  const t = seg.text.trim();
  if (t.length > 24) return null;
  const label = severityOfCell(t);
  return label && label.end >= t.length - 2 ? label : null;
}

/**
 * Tiers written in prose: "P0 级故障：15 分钟内响应，4 小时内解决", "Severity 1: respond within one (1) hour",
 * and pages flattened from cards or tables: a level line followed by time lines ("Response" / "< 1 hour"),
 * or one row per level whose times carry no metric word when the document speaks of one kind of time only.
 */
function tiersOfProse(segments: Segment[], ctx: ExtractContext): SupportTier[] {
  const out: SupportTier[] = [];
  let pending = null as { tier: SupportTier; left: number; line: number } | null;
  let docMetric: Metric | null | undefined;
  const fallback = () => {
    if (docMetric === undefined) docMetric = documentMetric(ctx);
    return docMetric;
  };
  segments.forEach((seg, i) => {
    if (seg.kind === "row") return;
    const prev = segments[i - 1];
    const durations = findDurations(seg.text).filter(usable);
    let labels =
      durations.length > 0 || seg.text.length <= 120
        ? severitiesInProse(seg.text).filter((l) => seg.kind !== "heading" || l.start <= 12)
        : [];
    const cellLike = labels.length === 0 && durations[0] ? labelLine(seg, durations) : null;
    if (cellLike) {
      out.push(cellLike);
      cellLike.evidence.push(ctx.spanOf(seg));
      pending = null;
      return;
    }
    // In a card, a word such as "critical" or "minor" in the description under a level is not a new
    // level: under a coded level ("P1", "Level 1") no word is; under a worded one, only one opening the line.
    if (
      pending &&
      durations.length === 0 &&
      labels.length > 0 &&
      !labels.some((l) => isCodeLabel(l.severity)) &&
      (isCodeLabel(pending.tier.severity) || (labels[0] as SeverityMatch).start > 0)
    )
      labels = [];
    if (labels.length === 0) {
      const named =
        durations.length > 0 ? rankLabel(seg, [prev, segments[i + 1]], durations) : bareLabel(seg);
      if (named) labels = [named];
    }
    if (labels.length === 0) {
      if (pending && seg.line - pending.line > 12) pending = null;
      const value = pending !== null && durations.length > 0 && valueOnly(seg.text, durations);
      if (
        pending &&
        durations.length > 0 &&
        (seg.kind === "sentence" || value) &&
        (seg.listItem || value || seg.text.length <= 40)
      ) {
        const bare = value ? (labelAbove(seg, prev) ?? fallback()) : null;
        let from = 0;
        for (const d of durations) {
          const metric = metricOf(seg.text, d, from) ?? bare;
          if (metric) setMetric(pending.tier, metric, d);
          from = d.end;
        }
        pending.tier.coverage ??= coverageOf(seg.text);
        pending.tier.evidence.push(ctx.spanOf(seg));
      }
      // list items, metric names and time lines belong to the level above; anything else uses up its reach
      if (pending && !seg.listItem && !value && labelMetric(seg) === null && --pending.left <= 0)
        pending = null;
      return;
    }
    pending = null;
    if (has("rca", seg.text) || has("maintenance", seg.text) || has("credit", seg.text)) return;
    labels.forEach((label, k) => {
      let next = k + 1;
      while (
        next < labels.length &&
        /^[\s、,，和与及或/]*(?:and|or)?\s*$/i.test(
          seg.text.slice(labels[next - 1]?.end, labels[next]?.start),
        )
      )
        next++;
      const shared = next > k + 1;
      const chunkStart = shared ? (labels[next - 1] as SeverityMatch).end : label.end;
      const chunkEnd = labels[next]?.start ?? seg.text.length;
      const mine = durations.filter((d) => d.start >= chunkStart && d.start < chunkEnd);
      const bare =
        mine.length > 0 && valueOnly(seg.text.slice(0, chunkEnd), mine, chunkStart)
          ? (labelAbove(seg, prev) ?? fallback())
          : null;
      const tier = emptyTier(label.severity);
      let from = label.end;
      for (const d of mine) {
        const metric = metricOf(seg.text, d, k === 0 ? 0 : from) ?? bare;
        if (metric) setMetric(tier, metric, d);
        from = d.end;
      }
      tier.description = describe(seg.text, chunkStart, mine[0]?.start ?? chunkEnd);
      tier.coverage ??= coverageOf(seg.text.slice(label.start, chunkEnd));
      tier.evidence.push(ctx.spanOf(seg));
      if (timed(tier)) out.push(tier);
      else if (labels.length === 1) {
        out.push(tier);
        pending = { tier, left: 4, line: seg.line };
      }
    });
  });
  return out.filter(timed);
}

function merge(tiers: SupportTier[]): SupportTier[] {
  const bySeverity = new Map<string, SupportTier>();
  for (const t of tiers) {
    const key = t.plan ? `${t.severity}\u0000${t.plan}` : t.severity;
    const seen = bySeverity.get(key);
    if (!seen) {
      bySeverity.set(key, { ...t, evidence: [...t.evidence] });
      continue;
    }
    seen.description ??= t.description;
    if (seen.response_minutes === null && seen.response_business_days == null) {
      seen.response_minutes = t.response_minutes;
      seen.response_business_days = t.response_business_days;
    }
    if (seen.resolution_minutes === null && seen.resolution_business_days == null) {
      seen.resolution_minutes = t.resolution_minutes;
      seen.resolution_business_days = t.resolution_business_days;
    }
    seen.coverage ??= t.coverage;
    seen.evidence.push(...t.evidence);
  }
  return [...bySeverity.values()].map((t) => ({ ...t, evidence: uniqueSpans(t.evidence) }));
}

/** Severity tiers with response/resolution times from tables and prose. */
export function extractSupportTiers(ctx: ExtractContext): SupportTier[] {
  const tables = new Set<Table>();
  for (const seg of ctx.binding) if (seg.table) tables.add(seg.table);
  const fromTables = [...tables].flatMap((t) => tiersOfTable(t, ctx));
  const prose = ctx.doc.segments.filter(
    (s) => s.binding === "binding" || (s.kind === "heading" && !ctx.doc.commentary),
  );
  return merge([...fromTables, ...tiersOfProse(prose, ctx)]);
}
