import type { Coverage, SupportTier } from "../../terms/index.js";
import { type ExtractContext, has, lastIndexOfLex } from "./context.js";
import type { Cell, Segment, Table } from "./document.js";
import { type Duration, findDurations, toMinutes } from "./numbers.js";
import { type SeverityMatch, severitiesInProse, severityOfCell } from "./severity.js";
import { uniqueSpans } from "./span.js";

type Metric = "response" | "resolution";
type Role = Metric | "severity" | "description" | "coverage" | null;

export function coverageOf(text: string): Coverage | null {
  if (has("coverage_24x7", text)) return "24x7";
  if (has("coverage_business", text)) return "business_hours";
  return null;
}

function emptyTier(severity: string): SupportTier {
  return {
    severity,
    description: null,
    response_minutes: null,
    response_business_days: null,
    resolution_minutes: null,
    resolution_business_days: null,
    coverage: null,
    evidence: [],
  };
}

function setMetric(tier: SupportTier, metric: Metric, d: Duration): void {
  if (d.businessHours) tier.coverage ??= "business_hours";
  if (metric === "response" && tier.response_minutes === null && tier.response_business_days == null) {
    if (d.unit === "business_days") tier.response_business_days = d.value;
    else tier.response_minutes = toMinutes(d);
  }
  if (metric === "resolution" && tier.resolution_minutes === null && tier.resolution_business_days == null) {
    if (d.unit === "business_days") tier.resolution_business_days = d.value;
    else tier.resolution_minutes = toMinutes(d);
  }
}

/** Which metric a duration belongs to: a keyword right after it ("15 分钟内响应"), else the last one before it. */
/** "cannot be resolved within 1 hour": the time triggers something else (an escalation), it is no target. */
const NOT_DONE =
  /(?:cannot|can't|not|unable to)\s(?:be\s)?(?:resolv|respond|restor|fix)|(?:未能|无法|未)(?:在[^，。；]{0,6})?(?:解决|响应|恢复)/i;

function metricOf(text: string, d: Duration, from: number): Metric | null {
  const after = (
    text.slice(d.end, d.end + 12).split(/[，,；;。:：|/]|\band\b|\bor\b|及|和|并|且/)[0] ?? ""
  ).slice(0, 10);
  if (has("resolution", after)) return "resolution";
  if (has("response", after)) return "response";
  const before = text.slice(from, d.start);
  if (NOT_DONE.test(before)) return null;
  const res = lastIndexOfLex("resolution", before);
  const resp = lastIndexOfLex("response", before);
  if (res < 0 && resp < 0) return null;
  return res > resp ? "resolution" : "response";
}

function usable(d: Duration): boolean {
  if (d.frequency) return false;
  return d.unit !== "months" && (d.unit !== "business_days" || d.value <= 10);
}

function roleOf(cell: Cell | undefined): Role {
  if (!cell) return null;
  const t = cell.text;
  if (has("severity_header", t) && !/时间|时限|time/i.test(t)) return "severity";
  if (has("resolution", t)) return "resolution";
  if (has("response", t)) return "response";
  if (has("coverage_header", t)) return "coverage";
  if (has("description_header", t)) return "description";
  return null;
}

function fillFromCell(tier: SupportTier, role: Role, cell: Cell, tableHint: Metric | null): void {
  const durations = findDurations(cell.text).filter(usable);
  if (role === "description" && tier.description === null) tier.description = cell.text;
  if (role === "coverage") tier.coverage ??= coverageOf(cell.text);
  if (role === "response" || role === "resolution") {
    const first = durations[0];
    if (first) setMetric(tier, role, first);
    tier.coverage ??= coverageOf(cell.text);
    return;
  }
  if (role === null || role === "severity") {
    let from = 0;
    for (const d of durations) {
      const metric = metricOf(cell.text, d, from) ?? tableHint;
      if (metric) setMetric(tier, metric, d);
      from = d.end;
    }
  }
}

/** A level named in words in a severity column ("Production System Down"): short, no times in it. */
function namedLevel(text: string): boolean {
  return text.length >= 2 && text.length <= 40 && findDurations(text).length === 0 && !/[%％]/.test(text);
}

/** Tiers of one table: severity per row (or per column in a transposed table). */
function tiersOfTable(table: Table, ctx: ExtractContext): SupportTier[] {
  const rows = table.rows.filter((r) => r.binding === "binding");
  const headerRow = table.header ? rows[0] : undefined;
  const roles = table.header?.map(roleOf) ?? [];
  const hint: Metric | null =
    has("resolution", table.context) && !has("response", table.context)
      ? "resolution"
      : has("response", `${table.context} ${table.header?.map((c) => c.text).join(" ") ?? ""}`)
        ? "response"
        : null;
  const out: SupportTier[] = [];
  const columnLabels = (table.header ?? rows[0]?.cells ?? []).map((c) => severityOfCell(c.text));
  if (columnLabels.filter(Boolean).length >= 2) {
    const tiers = columnLabels.map((l) => (l ? emptyTier(l.severity) : null));
    for (const row of rows) {
      if (row === headerRow || row.cells.map((c) => severityOfCell(c.text)).filter(Boolean).length >= 2)
        continue;
      const role = roleOf(row.cells[0]);
      row.cells.forEach((cell, j) => {
        const tier = tiers[j];
        if (!tier || j === 0) return;
        fillFromCell(tier, role, cell, hint);
        tier.evidence.push(ctx.spanOf(row));
      });
    }
    return tiers.filter(
      (t): t is SupportTier =>
        t !== null &&
        (t.response_minutes !== null ||
          t.resolution_minutes !== null ||
          t.response_business_days != null ||
          t.resolution_business_days != null),
    );
  }
  for (const row of rows) {
    if (row === headerRow) continue;
    const labelIndex = row.cells.findIndex(
      (c, j) =>
        (roles[j] === "severity" || roles[j] === null || roles[j] === undefined) &&
        (severityOfCell(c.text) !== null || (roles[j] === "severity" && namedLevel(c.text))),
    );
    if (labelIndex < 0 || labelIndex > 1) continue;
    const labelCell = row.cells[labelIndex] as Cell;
    const label: SeverityMatch = severityOfCell(labelCell.text) ?? {
      severity: labelCell.text,
      start: 0,
      end: labelCell.text.length,
    };
    const tier = emptyTier(label.severity);
    row.cells.forEach((cell, j) => {
      if (j === labelIndex) {
        fillFromCell(tier, null, cell, null);
        return;
      }
      const role =
        roles[j] ?? (j === labelIndex + 1 && findDurations(cell.text).length === 0 ? "description" : null);
      fillFromCell(tier, role, cell, hint);
    });
    tier.coverage ??= coverageOf(row.text);
    if (
      tier.response_minutes === null &&
      tier.resolution_minutes === null &&
      tier.response_business_days == null &&
      tier.resolution_business_days == null
    )
      continue;
    tier.evidence.push(ctx.spanOf(row));
    out.push(tier);
  }
  return out;
}

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
  return tier.response_minutes !== null ||
    tier.resolution_minutes !== null ||
    tier.response_business_days != null ||
    tier.resolution_business_days != null
    ? tier
    : null;
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
      const timed =
        tier.response_minutes !== null ||
        tier.resolution_minutes !== null ||
        tier.response_business_days != null ||
        tier.resolution_business_days != null;
      if (timed) out.push(tier);
      else if (labels.length === 1) {
        out.push(tier);
        pending = { tier, left: 3 };
      }
    });
  }
  return out.filter(
    (t) =>
      t.response_minutes !== null ||
      t.resolution_minutes !== null ||
      t.response_business_days != null ||
      t.resolution_business_days != null,
  );
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
