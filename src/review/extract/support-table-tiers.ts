import type { SupportTier } from "../../terms/index.js";
import { type ExtractContext, has } from "./context.js";
import type { Cell, Segment, Table } from "./document.js";
import { findDurations } from "./numbers.js";
import { type SeverityMatch, severityOfCell } from "./severity.js";
import { coverageOf, emptyTier, type Metric, metricOf, setMetric, timed, usable } from "./tier-metrics.js";

type Role = Metric | "severity" | "description" | "coverage" | null;

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

/**
 * What the times of a table measure when neither its own heading nor its header says: the nearest
 * heading above it that names one metric ("4. Initial response times" › "4.1 Enterprise plan").
 */
function headingHint(headings: string[]): Metric | null {
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i] as string;
    const response = has("response", h);
    const resolution = has("resolution", h);
    if (response !== resolution) return response ? "response" : "resolution";
  }
  return null;
}

/** Tiers of one table: severity per row (or per column in a transposed table). */
export function tiersOfTable(table: Table, ctx: ExtractContext): SupportTier[] {
  const rows = table.rows.filter((r) => r.binding === "binding");
  const headerRow = table.header ? rows[0] : undefined;
  const roles = table.header?.map(roleOf) ?? [];
  const hint: Metric | null =
    has("resolution", table.context) && !has("response", table.context)
      ? "resolution"
      : has("response", `${table.context} ${table.header?.map((c) => c.text).join(" ") ?? ""}`)
        ? "response"
        : headingHint(table.headings);
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
    return tiers.filter((t): t is SupportTier => t !== null && timed(t));
  }
  const plans = planColumns(table, rows, roles);
  const onePlan = plans ? null : onePlanColumn(table, rows, roles);
  for (const row of rows) {
    if (row === headerRow) continue;
    const labelIndex = row.cells.findIndex(
      (c, j) =>
        (roles[j] === "severity" || roles[j] === null || roles[j] === undefined) &&
        (severityOfCell(c.text) !== null || (roles[j] === "severity" && namedLevel(c.text))),
    );
    if (labelIndex < 0 && (plans ?? onePlan)) {
      out.push(...metricRowTiers(row, (plans ?? onePlan) as Map<number, string>, ctx));
      continue;
    }
    if (labelIndex < 0 || labelIndex > 1) continue;
    const labelCell = row.cells[labelIndex] as Cell;
    const label: SeverityMatch = severityOfCell(labelCell.text) ?? {
      severity: labelCell.text,
      start: 0,
      end: labelCell.text.length,
    };
    if (plans) {
      out.push(...planTiers(row, labelIndex, label.severity, plans, roles, hint, ctx));
      continue;
    }
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
    out.push(...planNoteTiers(row, labelIndex, tier, ctx));
  }
  return out;
}

/** A note in a cell giving another plan its own time: "Note that this is 30 minutes for the Gold plan." */
const PLAN_NOTE =
  /\b(?:this|it) is ([^.;,]{1,30}?) for (?:the |your )?([A-Z][\w\\ -]{0,40}?)(?: [Ss]upport)? plans?\b/;

function planNoteTiers(
  row: Segment,
  labelIndex: number,
  tier: SupportTier,
  ctx: ExtractContext,
): SupportTier[] {
  const metric: Metric | null =
    tier.response_minutes !== null ? "response" : tier.resolution_minutes !== null ? "resolution" : null;
  if (!metric) return [];
  const out: SupportTier[] = [];
  row.cells.forEach((cell, j) => {
    const note = j === labelIndex ? null : PLAN_NOTE.exec(cell.text);
    const d = note ? findDurations(note[1] as string).filter(usable)[0] : undefined;
    if (!note || !d) return;
    const other: SupportTier = { ...emptyTier(tier.severity), plan: planName(note[2] as string) };
    other.description = tier.description;
    setMetric(other, metric, d);
    other.evidence.push(ctx.spanOf(row));
    out.push(other);
  });
  return out;
}

/** A plan's name as the header writes it, without footnote marks and line breaks. */
function planName(text: string): string {
  return text
    .replace(/<sup>[^<]{0,8}<\/sup>/gi, "")
    .replace(/<br\s*\/?>/gi, " / ")
    .replace(/<[^<>]{0,40}>/g, " ")
    .replace(/\*+/g, "")
    .replace(/&lt;/g, "<")
    .replace(/\s+/g, " ")
    .replace(/^[\s/]+|[\s/]+$/g, "");
}

/**
 * Columns that are support plans: a table whose header names, beside the severity, two or more
 * columns that are neither a metric, coverage nor description, each holding times in its cells.
 */
function planColumns(table: Table, rows: Segment[], roles: Role[]): Map<number, string> | null {
  // a header with footnote numbers ("Plan A<sup>1</sup>") is not taken as one by the table reader
  const header = table.header ?? rows[0]?.cells.map((c) => ({ ...c, text: planName(c.text) }));
  if (!header || (!table.header && header.some((c) => findDurations(c.text).length > 0))) return null;
  const plans = new Map<number, string>();
  header.forEach((cell, j) => {
    if (j === 0 || (roles[j] ?? roleOf(cell)) !== null || severityOfCell(cell.text)) return;
    const name = planName(cell.text);
    if (!name || findDurations(name).length > 0) return;
    const timedCells = rows.filter((r) => findDurations(r.cells[j]?.text ?? "").some(usable)).length;
    if (timedCells > 0) plans.set(j, name);
  });
  return plans.size >= 2 ? plans : null;
}

/**
 * A feature table of a single plan ("Premium support | Default" over "Response Time (Severity 1) |
 * 1 business hour"): its one value column is the plan, read only by rows that name a support time.
 */
function onePlanColumn(table: Table, rows: Segment[], roles: Role[]): Map<number, string> | null {
  const header = table.header;
  if (header?.length !== 2 || (roles[1] ?? null) !== null || severityOfCell(header[1]?.text ?? ""))
    return null;
  const name = planName(header[1]?.text ?? "");
  if (!name || findDurations(name).length > 0) return null;
  const metricRow = rows.some(
    (r) => has("response_time", r.cells[0]?.text ?? "") && findDurations(r.cells[1]?.text ?? "").some(usable),
  );
  return metricRow ? new Map([[1, name]]) : null;
}

/** One tier per plan column of a severity row, each with its plan. */
function planTiers(
  row: Segment,
  labelIndex: number,
  severity: string,
  plans: Map<number, string>,
  roles: Role[],
  hint: Metric | null,
  ctx: ExtractContext,
): SupportTier[] {
  const shared = emptyTier(severity);
  row.cells.forEach((cell, j) => {
    if (j !== labelIndex && !plans.has(j) && roles[j]) fillFromCell(shared, roles[j] ?? null, cell, hint);
  });
  const out: SupportTier[] = [];
  for (const [j, plan] of plans) {
    const cell = row.cells[j];
    if (!cell) continue;
    const tier: SupportTier = { ...emptyTier(severity), plan, description: shared.description };
    fillFromCell(tier, null, cell, hint);
    if (!timed(tier)) continue;
    tier.coverage ??= coverageOf(cell.text) ?? shared.coverage;
    tier.evidence.push(ctx.spanOf(row));
    out.push(tier);
  }
  return out;
}

/**
 * A feature table with one column per plan and a row for a support time ("Fastest response times |
 * < 1 hour | < 1 hour | Next business day"): one tier per plan, named by the row.
 */
function metricRowTiers(row: Segment, plans: Map<number, string>, ctx: ExtractContext): SupportTier[] {
  const label = row.cells[0];
  // the row must name a support time ("response times", "响应时间"), not just an action ("restore")
  const role: Metric | null = !label
    ? null
    : has("response_time", label.text)
      ? "response"
      : has("resolution_time", label.text)
        ? "resolution"
        : null;
  if (!label || !role) return [];
  const out: SupportTier[] = [];
  for (const [j, plan] of plans) {
    const cell = row.cells[j];
    const first = cell ? findDurations(cell.text).filter(usable)[0] : undefined;
    if (!cell || !first) continue;
    const tier: SupportTier = { ...emptyTier(planName(label.text)), plan };
    setMetric(tier, role, first);
    tier.coverage = coverageOf(cell.text);
    tier.evidence.push(ctx.spanOf(row));
    out.push(tier);
  }
  return out;
}
