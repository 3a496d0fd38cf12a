import type { SupportTier } from "../../terms/index.js";
import { type ExtractContext, has } from "./context.js";
import type { Segment, Table } from "./document.js";
import { type Duration, findDurations } from "./numbers.js";
import { type SeverityMatch, severitiesInProse, severityOfCell } from "./severity.js";
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

/** Tiers written in prose: "P0 级故障：15 分钟内响应，4 小时内解决", "Severity 1: respond within one (1) hour". */
function tiersOfProse(segments: Segment[], ctx: ExtractContext): SupportTier[] {
  const out: SupportTier[] = [];
  let pending = null as { tier: SupportTier; left: number } | null;
  for (const seg of segments) {
    if (seg.kind === "row") continue;
    const durations = findDurations(seg.text).filter(usable);
    const labels =
      durations.length > 0 || seg.text.length <= 120
        ? severitiesInProse(seg.text).filter((l) => seg.kind !== "heading" || l.start <= 12)
        : [];
    const cellLike = labels.length === 0 && durations[0] ? labelLine(seg, durations) : null;
    if (cellLike) {
      out.push(cellLike);
      cellLike.evidence.push(ctx.spanOf(seg));
      pending = null;
      continue;
    }
    if (labels.length === 0) {
      if (
        pending &&
        durations.length > 0 &&
        seg.kind === "sentence" &&
        (seg.listItem || seg.text.length <= 40)
      ) {
        let from = 0;
        for (const d of durations) {
          const metric = metricOf(seg.text, d, from);
          if (metric) setMetric(pending.tier, metric, d);
          from = d.end;
        }
        pending.tier.coverage ??= coverageOf(seg.text);
        pending.tier.evidence.push(ctx.spanOf(seg));
      }
      if (pending && --pending.left <= 0) pending = null;
      continue;
    }
    pending = null;
    if (has("rca", seg.text) || has("maintenance", seg.text) || has("credit", seg.text)) continue;
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
      const tier = emptyTier(label.severity);
      let from = label.end;
      for (const d of mine) {
        const metric = metricOf(seg.text, d, k === 0 ? 0 : from);
        if (metric) setMetric(tier, metric, d);
        from = d.end;
      }
      tier.description = describe(seg.text, chunkStart, mine[0]?.start ?? chunkEnd);
      tier.coverage = coverageOf(seg.text.slice(label.start, chunkEnd));
      tier.evidence.push(ctx.spanOf(seg));
      if (timed(tier)) out.push(tier);
      else if (labels.length === 1) {
        out.push(tier);
        pending = { tier, left: 3 };
      }
    });
  }
  return out.filter(timed);
}

function merge(tiers: SupportTier[]): SupportTier[] {
  const bySeverity = new Map<string, SupportTier>();
  for (const t of tiers) {
    const seen = bySeverity.get(t.severity);
    if (!seen) {
      bySeverity.set(t.severity, { ...t, evidence: [...t.evidence] });
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
