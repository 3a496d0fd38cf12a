import { reportCharts } from "./charts.js";
import { label, type ReportLang } from "./labels.js";
import { type PdfBlock, renderPdf } from "./pdf-document.js";
import type { ReportModel } from "./report-model.js";
import { cellText, reportTables } from "./report-tables.js";

/** The report as a PDF (tables and the same SVG charts as the HTML page), Chinese or English. */
export function renderReportPdf(m: ReportModel, lang: ReportLang): Promise<Uint8Array> {
  const tr = (k: Parameters<typeof label>[1]) => label(lang, k);
  const title = `${m.period.kind === "quarter" ? tr("quarterlyTitle") : tr("title")} · ${m.subject.vendor ?? m.subject.contract ?? ""} · ${m.period.label}`;
  const charts = reportCharts(m, lang);
  const chartsAfter: Record<string, string[]> = {
    availability: ["availability", "heartbeat"],
    latency: ["latency"],
    "tickets-sla": ["attainment"],
  };
  const blocks: PdfBlock[] = [
    { kind: "title", text: title },
    {
      kind: "paragraph",
      small: true,
      text: [
        `${tr("vendor")}: ${m.subject.vendor ?? "—"}`,
        `${tr("contract")}: ${m.contract?.name ?? "—"}`,
        `${tr("period")}: ${m.period.from} – ${m.period.to}`,
        `${tr("timezone")}: ${m.period.timezone}`,
        `${tr("renewal")}: ${m.contract?.valid_to ?? "—"}`,
        `${tr("generated")}: ${m.generated_at}`,
      ].join(" · "),
    },
  ];
  for (const t of reportTables(m, lang)) {
    blocks.push({ kind: "heading", text: t.title });
    for (const id of chartsAfter[t.id] ?? []) {
      const c = charts.find((x) => x.id === id);
      if (c)
        blocks.push({ kind: "svg", svg: c.svg, caption: c.title, height: id === "heartbeat" ? 30 : 180 });
    }
    if (t.rows.length)
      blocks.push({
        kind: "table",
        columns: t.columns,
        rows: t.rows.map((r) => r.map((v) => cellText(lang, v))),
        widths: t.id === "tickets-breached" ? [1, 2, 0.7, 1.4, 1.4, 5] : undefined,
      });
    else blocks.push({ kind: "paragraph", text: tr("none"), small: true });
    if (t.note) blocks.push({ kind: "paragraph", text: t.note, small: true });
  }
  return renderPdf(blocks, { title, lang });
}
