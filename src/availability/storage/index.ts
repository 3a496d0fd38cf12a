export { computeContractClaim, contractCalendar } from "./contract-claim.js";
export { loadObservations, type ObservationQuery } from "./load-observations.js";
export { importRequestLog, type LogImportResult } from "./log-imports.js";
export { AvailabilitySettings, checkSettings, getSettings, putSettings } from "./settings.js";
