/**
 * The availability door: vendor formulas as data (`formulas`, `vendorFormulas`), the verbs
 * `computeAvailability` → `computeCredit` → `computeClaimWindow` → `renderClaimLetter` (or all at once:
 * `prepareClaim` + `renderClaim`), request-log import, and the store-backed `computeContractClaim`.
 */
export { type EvidenceMinute, evidenceCsv, evidenceMinutes } from "./claim-evidence.js";
export {
  type ClaimLetterInput,
  claimLetterBlocks,
  evidenceFileName,
  type LetterFormat,
  type LetterLang,
  renderClaimLetter,
} from "./claim-letter.js";
export { type LetterOffer, letterOffer, type NoLetterReason } from "./claim-offer.js";
export {
  type ClaimBasis,
  type ClaimClause,
  type ClaimWindow,
  type ClaimWindowInput,
  computeClaimWindow,
  type DayCalendar,
  isBusinessDay,
} from "./claim-window.js";
export type {
  AvailabilityTerms,
  CreditTerms,
  EnforcedCommitments,
  Evidence,
  MaintenanceTerms,
} from "./commitment-types.js";
export {
  type AvailabilityInput,
  type AvailabilityReport,
  computeAvailability,
  type DownRun,
  elapsedPeriod,
  type ReportSlot,
} from "./compute-availability.js";
export { type CreditInput, type CreditOutcome, computeCredit } from "./compute-credit.js";
export {
  AvailabilityQuery,
  ClaimQuery,
  contractClaim,
  getAvailabilitySettings,
  importContractLog,
  putAvailabilitySettings,
  RequestLogBody,
  SettingsBody,
  type SettingsView,
} from "./contract-verbs.js";
export {
  CreditClaimBody,
  CreditReceivedBody,
  CreditRecordsQuery,
  type CreditRecordView,
  creditRecordsOf,
  listCreditRecords,
  recordCreditClaim,
  recordCreditReceived,
} from "./credit-records.js";
export {
  type DownSlot,
  type FormulaInput,
  type FormulaKind,
  type FormulaKindName,
  type FormulaOutcome,
  formulas,
  RequestParams,
  SlotParams,
  TimeParams,
} from "./formulas/index.js";
export { classifyMaintenance, type MaintenanceNotice, type MaintenanceWindow } from "./maintenance.js";
export {
  fromSample,
  isFailureStatus,
  NO_DATA_REASONS,
  type NoDataReason,
  noDataReason,
  type Observation,
  type ObservationSource,
  type Sample,
} from "./observation.js";
export { datePeriod, formatInstant, monthPeriod, type Period } from "./period.js";
export { type Claim, type ClaimInput, prepareClaim, renderClaim } from "./prepare-claim.js";
export {
  type BrokenLine,
  parseRequestLog,
  type RequestLogImport,
  type RequestLogOptions,
} from "./request-log.js";
export {
  AvailabilitySettings,
  checkSettings,
  computeContractClaim,
  contractCalendar,
  getSettings,
  importRequestLog,
  type LogImportResult,
  loadObservations,
  type ObservationQuery,
  putSettings,
} from "./storage/index.js";
export {
  ClaimRule,
  getVendorFormula,
  parseVendorFormulas,
  VendorFormula,
  vendorFormulas,
} from "./vendor-formula.js";
