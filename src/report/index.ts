/**
 * The report door: `buildReport` (the model of a monthly SLA report or quarterly service review
 * for a vendor or contract over a period), its renderers and the stored-report jobs.
 */
export { BuildReportInput, buildReport, changesBetween } from "./build-report.js";
export { claimLetterPdf, claimPack } from "./claim-pack.js";
export type { ReportLang } from "./labels.js";
export { markdownBlocks, markdownPdf } from "./markdown-pdf.js";
export { type PdfBlock, renderPdf } from "./pdf-document.js";
export { renderReportCsv } from "./render-csv.js";
export { renderReportHtml } from "./render-html.js";
export { renderReportPdf } from "./render-pdf.js";
export {
  REPORT_FORMATS,
  REPORT_LANGS,
  type RenderedReport,
  type ReportFormat,
  renderReport,
} from "./render-report.js";
export { ReportFileInput, reportFile, StoredReportFileInput, storedReportFile } from "./report-files.js";
export {
  monthlyReportJob,
  quarterlyReportJob,
  reportJobs,
  runScheduledReports,
  scheduledPeriod,
} from "./report-jobs.js";
export type * from "./report-model.js";
export { parseReportPeriod, previousPeriod, type ReportPeriod } from "./report-period.js";
export {
  ClaimPackInput,
  claimPackFile,
  comparisonPdf,
  type FileOut,
  ReviewFileQuery,
  ReviewPdfInput,
  reviewFile,
  reviewPdf,
} from "./send-out.js";
export {
  getStoredReport,
  listStoredReports,
  type StoredReportView,
  StoreReportInput,
  storeReport,
} from "./stored-reports.js";
