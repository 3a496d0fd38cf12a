import { readDataFile } from "../data-files/index.js";
import type { ClaimWindow } from "./claim-window.js";
import type { AvailabilityReport } from "./compute-availability.js";
import type { CreditOutcome } from "./compute-credit.js";
import { type Block, blocksToHtml, blocksToMarkdown } from "./letter-blocks.js";

export type LetterLang = "zh" | "en";
export type LetterFormat = "md" | "html";

export interface ClaimLetterInput {
  contract: { name: string; vendor?: string | null };
  report: AvailabilityReport;
  credit: CreditOutcome;
  window: ClaimWindow | null;
  /** Text quoted from the terms (the evidence spans of the availability and credit commitments). */
  clauses: string[];
  /** Rows of the per-minute evidence CSV attached to the letter; omitted = no attachment mentioned. */
  evidence_rows?: number;
  lang: LetterLang;
}

type Strings = Record<string, string>;
const strings = readDataFile("availability/letter.yaml") as Record<LetterLang, Strings>;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

const pct = (n: number | null) => (n == null ? "—" : `${n.toFixed(4)}%`);

/** The name the evidence CSV is attached under. */
export function evidenceFileName(periodLabel: string): string {
  return `evidence-${periodLabel.replace(/[^\w.-]+/g, "_")}.csv`;
}

/** The letter's content as blocks (shared by Markdown and HTML). */
export function claimLetterBlocks(input: ClaimLetterInput): Block[] {
  const t = strings[input.lang];
  const { report, credit, window } = input;
  const vendor = input.contract.vendor ?? report.formula.vendor;
  const blocks: Block[] = [
    { type: "title", text: fill(t.title, { vendor, period: report.period.label }) },
    { type: "para", text: fill(t.intro, { contract: input.contract.name, period: report.period.label }) },
    {
      type: "fields",
      rows: [
        [
          t.period,
          fill(t.period_value, {
            start: report.period.start,
            end: report.period.end,
            timezone: report.period.timezone,
          }),
        ],
        [
          t.formula,
          fill(t.formula_value, {
            vendor: report.formula.vendor,
            product: report.formula.product,
            kind: report.formula.kind,
          }),
        ],
        [t.target, pct(report.target_percent)],
        [t.measured, pct(report.measured_percent)],
        [t.down_minutes, String(report.down_minutes)],
        [t.eligible_minutes, String(report.eligible_minutes)],
        [t.no_data_minutes, String(report.no_data_minutes)],
        [t.requests, `${report.requests} (${report.failures} ✗)`],
      ],
    },
    { type: "para", text: `${t.formula_clause}:` },
    { type: "quote", text: report.formula.clause[input.lang] },
  ];
  if (report.formula.source.url) {
    blocks.push({
      type: "para",
      text: `${t.source}: ${report.formula.source.title} — ${report.formula.source.url}`,
    });
  }
  if (report.measured_percent == null) blocks.push({ type: "para", text: t.no_data });
  if (report.period.partial)
    blocks.push({
      type: "para",
      text: fill(t.partial_note, { elapsed: report.period.elapsed_minutes, minutes: report.period.minutes }),
    });

  // One row per outage, not per slot: a vendor reads "3 outages", the minutes are in the attachment.
  blocks.push({ type: "heading", text: t.runs_title });
  if (report.down_runs.length === 0) blocks.push({ type: "para", text: t.runs_none });
  else {
    blocks.push({
      type: "table",
      head: [t.col_n, t.col_start, t.col_end, t.col_duration, t.col_evidence, t.col_source, t.col_regions],
      rows: report.down_runs.map((r, i) => [
        String(i + 1),
        r.start,
        r.end,
        String(r.minutes),
        `${r.requests} (${r.failures} ✗)`,
        r.sources.map((src) => t[`source_${src}`]).join(", "),
        r.regions.join(", ") || "—",
      ]),
    });
    if (input.evidence_rows != null)
      blocks.push({
        type: "para",
        text: fill(t.evidence_csv, {
          file: evidenceFileName(report.period.label),
          rows: input.evidence_rows,
        }),
      });
  }

  if (report.by_region.length) {
    blocks.push(
      { type: "heading", text: t.regions_title },
      {
        type: "table",
        head: [t.col_region, t.col_measured, t.col_minutes, t.col_requests, t.col_failures],
        rows: report.by_region.map((r) => [
          r.region,
          pct(r.measured_percent),
          String(r.down_minutes),
          String(r.requests),
          String(r.failures),
        ]),
      },
    );
  }

  const maintenance = report.maintenance.map((m) => {
    const line = m.late
      ? fill(t.maintenance_late, { given: m.notice_hours_given, required: m.notice_hours_required ?? 0 })
      : fill(t.maintenance_excluded, { given: m.notice_hours_given });
    return `${m.start} – ${m.end}${m.title ? ` (${m.title})` : ""}: ${line}`;
  });
  if (maintenance.length)
    blocks.push(
      { type: "heading", text: t.maintenance_title },
      { type: "para", text: maintenance.join("\n") },
    );

  blocks.push({ type: "heading", text: t.credit_title });
  if (!credit.owed || !credit.tier) blocks.push({ type: "para", text: t.credit_none });
  else {
    const rows: [string, string][] = [
      [
        t.credit_label,
        fill(t.credit_value, { percent: credit.credit_percent, below: credit.tier.below_percent }),
      ],
    ];
    if (credit.cap_applied) {
      rows.push([
        t.credit_cap_label,
        fill(t.credit_cap, { cap: credit.cap_percent ?? 0, uncapped: credit.uncapped_percent }),
      ]);
    }
    if (credit.form) rows.push([t.credit_form_label, t[`form_${credit.form}`]]);
    if (credit.amount) {
      const amount = fill(t.credit_amount, {
        amount: credit.amount.amount.toFixed(2),
        currency: credit.amount.currency,
      });
      rows.push([t.credit_amount_label, amount]);
    }
    blocks.push({ type: "fields", rows });
  }

  if (input.clauses.length) {
    blocks.push({ type: "heading", text: t.clauses_title });
    for (const c of input.clauses) blocks.push({ type: "quote", text: c });
  }

  blocks.push({ type: "heading", text: t.window_title });
  if (!window) blocks.push({ type: "para", text: t.window_none });
  else {
    const [amount, unit] = Object.entries(window.length)[0] as [string, number];
    blocks.push({
      type: "fields",
      rows: [
        [
          t.window_basis,
          fill(t[`basis_${window.counted_from}`], { amount: unit, unit: t[`unit_${amount}`] }),
        ],
      ],
    });
    if (window.deadline == null)
      blocks.push({ type: "para", text: fill(t.window_unknown, { reason: window.unknown ?? "" }) });
    else
      blocks.push({
        type: "para",
        text: fill(t.window_value, { opens: window.opens ?? "—", deadline: window.deadline }),
      });
    if (window.file_by_unknown)
      blocks.push({ type: "para", text: fill(t.window_file_by_unknown, { reason: window.file_by_unknown }) });
    if (window.incidents.length > 1)
      blocks.push({
        type: "para",
        text: fill(t.window_incident, {
          list: window.incidents.map((i) => `${i.start} → ${i.deadline ?? "—"}`).join("; "),
        }),
      });
    if (window.deadline_on_non_business_day && window.file_by) {
      blocks.push({ type: "para", text: fill(t.window_file_by, { file_by: window.file_by }) });
    }
  }
  if (credit.vendor_records_prevail) {
    blocks.push({ type: "heading", text: t.records_title }, { type: "para", text: t.records_prevail });
  }
  blocks.push({ type: "para", text: t.closing });
  return blocks;
}

/** The claim letter in Markdown or as a self-contained HTML page. */
export function renderClaimLetter(input: ClaimLetterInput, format: LetterFormat): string {
  const blocks = claimLetterBlocks(input);
  return format === "html" ? blocksToHtml(blocks, input.lang) : blocksToMarkdown(blocks);
}
