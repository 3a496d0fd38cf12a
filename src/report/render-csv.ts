import type { ReportLang } from "./labels.js";
import type { ReportModel } from "./report-model.js";
import { type Cell, reportTables } from "./report-tables.js";

/** A UTF-8 byte order mark: Excel reads a CSV as UTF-8 (Chinese headings intact) only with it. */
const BOM = "\uFEFF";

/** One CSV per table (`<id>.csv`), Excel-friendly: BOM, CRLF, every field quoted when needed. */
export function renderReportCsv(m: ReportModel, lang: ReportLang): { name: string; text: string }[] {
  return reportTables(m, lang).map((t) => ({
    name: `${t.id}.csv`,
    text: `${BOM + [t.columns, ...t.rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`,
  }));
}

function field(v: Cell): string {
  if (v == null) return "";
  const s = String(v);
  // A leading = + - @ would be run as a formula by a spreadsheet: quote it with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
