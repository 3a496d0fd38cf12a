import { z } from "zod";
import { FileResult, type Verb } from "../context/index.js";
import { buildReport } from "./build-report.js";
import { REPORT_FORMATS, REPORT_LANGS, renderReport } from "./render-report.js";
import type { ReportModel } from "./report-model.js";
import { getStoredReport } from "./stored-reports.js";

export const ReportFileInput = z.object({
  vendor: z.string().min(1).optional(),
  contract: z.string().min(1).optional(),
  period: z.string().min(1).max(40),
  format: z.enum(REPORT_FORMATS).default("json"),
  lang: z.enum(REPORT_LANGS).default("zh"),
});

/** A report built now: the model itself for json, else the rendered file (html, pdf, zip of CSV). */
export const reportFile: Verb<z.output<typeof ReportFileInput>, ReportModel | FileResult> = async ({
  ctx,
  input,
}) => {
  const model = await buildReport({
    ctx,
    input: { vendor: input.vendor, contract: input.contract, period: input.period },
  });
  if (input.format === "json") return model;
  const out = await renderReport(model, input.format, input.lang);
  return new FileResult(out.bytes, out.contentType, out.fileName);
};

export const StoredReportFileInput = z.object({
  format: z.enum(REPORT_FORMATS).default("html"),
  lang: z.enum(REPORT_LANGS).optional(),
});

/** A stored report: its HTML page as stored (in its own language), or rendered again from its model. */
export const storedReportFile: Verb<
  { id: string } & z.output<typeof StoredReportFileInput>,
  FileResult
> = async ({ ctx, input }) => {
  const stored = await getStoredReport({ ctx, input: { id: input.id } });
  const lang = input.lang ?? stored.lang;
  if (input.format === "html" && lang === stored.lang)
    return FileResult.text(stored.html, "text/html; charset=utf-8");
  const out = await renderReport(stored.model, input.format, lang);
  return new FileResult(out.bytes, out.contentType, out.fileName);
};
