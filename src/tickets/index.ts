export { AddTicketEventInput, addTicketEvent } from "./add-ticket-event.js";
export { type ContractCommitments, commitmentsOf, findVendorContract } from "./contract-terms.js";
export { CreateTicketInput, createTicket } from "./create-ticket.js";
export { getTicket, type TicketDetail } from "./get-ticket.js";
export {
  DEFAULT_IMPORT_BATCH,
  getImportJob,
  type ImportJobView,
  StartImportInput,
  startImport,
} from "./import-jobs.js";
export { formatOfName, type ImportFile, parseImportFiles } from "./import-payload.js";
export type { ImportFormat, ImportRow } from "./import-row.js";
export { type ImportRunner, type ImportTicketsInput, importTickets, resumeImport } from "./import-tickets.js";
export type { IncidentView, RcaReportView } from "./incident-view.js";
export {
  CreateIncidentInput,
  createIncident,
  getIncident,
  ListIncidentsInput,
  listIncidents,
  RecordRcaInput,
  recordRcaReport,
  UpdateIncidentInput,
  updateIncident,
} from "./incidents.js";
export { countTicketsBySla, ListTicketsInput, listTickets, type SlaCounts } from "./list-tickets.js";
export {
  ListMaintenanceNoticesInput,
  listMaintenanceNotices,
  type MaintenanceNoticeView,
  RecordMaintenanceNoticeInput,
  recordMaintenanceNotice,
  UpdateMaintenanceNoticeInput,
  updateMaintenanceNotice,
} from "./maintenance-notices.js";
export { checkMaintenanceNotice, type NoticeCheck } from "./notice-check.js";
export { parseTicketCsv, TICKET_CSV_COLUMNS } from "./parse-ticket-csv.js";
export { parseTicketJson } from "./parse-ticket-json.js";
export { checkRca, type RcaCheck, type RcaVerdict } from "./rca-check.js";
export { refreshTicketSla } from "./refresh-ticket-sla.js";
export {
  type RunImportOptions,
  resumeRunningImports,
  runImportJob,
  runningImportJobs,
} from "./run-import-job.js";
export { DEMO_POLICY, seedDemoTickets } from "./seed-demo-tickets.js";
export { ticketSlaRefreshJob } from "./sla-refresh-job.js";
export { invalidateVendorTicketSla } from "./sla-snapshot.js";
export { type SlaState, type SlaSummary, summarizeSla } from "./sla-summary.js";
export { type ThreadEmail, threadEmails } from "./thread-emails.js";
export type { TicketContext } from "./ticket-context.js";
export { checkEventSequence, TicketEventInput, TicketEventType } from "./ticket-event.js";
export { RateTicketInput, rateTicket, type TicketSatisfactionView } from "./ticket-satisfaction.js";
export { computeTicketSla, PolicyResolver, type ResolvedPolicy } from "./ticket-sla.js";
export type { StoredTicketEvent, TicketView } from "./ticket-view.js";
export { UpdateTicketInput, updateTicket } from "./update-ticket.js";
