/**
 * The report door: `buildReport` (the model of a monthly SLA report or quarterly service review
 * for a vendor or contract over a period), its renderers and the stored-report jobs.
 */
export { BuildReportInput, buildReport, changesBetween } from "./build-report.js";
export type * from "./report-model.js";
export { parseReportPeriod, previousPeriod, type ReportPeriod } from "./report-period.js";
