import { escapeHtml } from "../escape/index.js";
import { reportCharts } from "./charts.js";
import { label, type ReportLang } from "./labels.js";
import type { ReportModel } from "./report-model.js";
import { cellText, reportTables } from "./report-tables.js";

const STYLE = `body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans SC",sans-serif;margin:2rem auto;max-width:980px;color:#222;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f6f8}td.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#555;font-size:.9rem}.note{color:#666;font-size:.8rem}
figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}.better{color:#1e8449}.worse{color:#c0392b}svg{max-width:100%;height:auto}`;

/** The report as one self-contained HTML page (inline CSS and SVG charts, no script, every value escaped). */
export function renderReportHtml(m: ReportModel, lang: ReportLang): string {
  const tr = (k: Parameters<typeof label>[1]) => escapeHtml(label(lang, k));
  const e = escapeHtml;
  const title = `${m.period.kind === "quarter" ? label(lang, "quarterlyTitle") : label(lang, "title")} · ${m.subject.vendor ?? m.subject.contract ?? ""} · ${m.period.label}`;
  const meta = [
    [tr("vendor"), e(m.subject.vendor ?? "—")],
    [tr("contract"), e(m.contract?.name ?? "—")],
    [tr("period"), e(`${m.period.label} (${m.period.from} – ${m.period.to})`)],
    [tr("timezone"), e(m.period.timezone)],
    [tr("renewal"), e(m.contract?.valid_to ?? "—")],
    [tr("daysToRenewal"), e(m.contract?.days_to_renewal == null ? "—" : String(m.contract.days_to_renewal))],
    [tr("generated"), e(m.generated_at)],
  ]
    .map(([k, v]) => `<span><b>${k}</b>: ${v}</span>`)
    .join(" · ");
  const charts = reportCharts(m, lang);
  const chartOf = (id: string) => {
    const c = charts.find((x) => x.id === id);
    return c ? `<figure>${c.svg}<figcaption>${e(c.title)}</figcaption></figure>` : "";
  };
  const chartsAfter: Record<string, string[]> = {
    availability: ["availability", "heartbeat"],
    latency: ["latency"],
    "tickets-sla": ["attainment"],
  };
  const sections = reportTables(m, lang).map((t) => {
    const head = t.columns.map((c) => `<th>${e(c)}</th>`).join("");
    const body = t.rows
      .map(
        (r) =>
          `<tr>${r
            .map((v) => {
              const text = e(cellText(lang, v));
              const cls = typeof v === "number" ? ' class="n"' : "";
              const dir = typeof v === "string" && /\((better|worse|改善|变差)\)$/.test(v);
              return `<td${cls}>${dir ? `<span class="${/better|改善/.test(v) ? "better" : "worse"}">${text}</span>` : text}</td>`;
            })
            .join("")}</tr>`,
      )
      .join("\n");
    const empty = t.rows.length ? "" : `<p class="note">${tr("none")}</p>`;
    return `<section id="${e(t.id)}"><h2>${e(t.title)}</h2>${(chartsAfter[t.id] ?? [])
      .map(chartOf)
      .join(
        "",
      )}${t.rows.length ? `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>` : empty}${
      t.note ? `<p class="note">${e(t.note)}</p>` : ""
    }</section>`;
  });
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><h1>${e(title)}</h1><p class="meta">${meta}</p>
${sections.join("\n")}
</body></html>
`;
}
