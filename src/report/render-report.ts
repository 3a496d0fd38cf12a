import { strToU8, zipSync } from "fflate";
import { InputError } from "../errors/index.js";
import type { ReportLang } from "./labels.js";
import { renderReportCsv } from "./render-csv.js";
import { renderReportHtml } from "./render-html.js";
import { renderReportPdf } from "./render-pdf.js";
import type { ReportModel } from "./report-model.js";

export const REPORT_FORMATS = ["html", "pdf", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LANGS = ["zh", "en"] as const;

export interface RenderedReport {
  bytes: Uint8Array;
  contentType: string;
  /** A download name: `<vendor>-<period>.<ext>`; CSV comes as a zip of one file per table. */
  fileName: string;
}

/** The report in a format: one HTML page, a PDF, a zip of CSV tables, or the model as JSON. */
export async function renderReport(m: ReportModel, format: string, lang: string): Promise<RenderedReport> {
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new InputError(
      "format",
      `unknown value "${format}" (expected one of: ${REPORT_FORMATS.join(", ")})`,
    );
  if (!(REPORT_LANGS as readonly string[]).includes(lang))
    throw new InputError("lang", `unknown value "${lang}" (expected one of: ${REPORT_LANGS.join(", ")})`);
  const l = lang as ReportLang;
  const base = `${slug(m.subject.vendor ?? m.subject.contract ?? "report")}-${slug(m.period.label)}`;
  switch (format as ReportFormat) {
    case "html":
      return {
        bytes: strToU8(renderReportHtml(m, l)),
        contentType: "text/html; charset=utf-8",
        fileName: `${base}.html`,
      };
    case "pdf":
      return { bytes: await renderReportPdf(m, l), contentType: "application/pdf", fileName: `${base}.pdf` };
    case "csv": {
      const files = Object.fromEntries(renderReportCsv(m, l).map((f) => [f.name, strToU8(f.text)]));
      return { bytes: zipSync(files), contentType: "application/zip", fileName: `${base}-csv.zip` };
    }
    case "json":
      return {
        bytes: strToU8(`${JSON.stringify(m, null, 2)}\n`),
        contentType: "application/json",
        fileName: `${base}.json`,
      };
  }
}

function slug(s: string): string {
  return s.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^-+|-+$/g, "") || "report";
}
