// Scheduled work in the store's database, shared by every server on it (see README.md).
export { slotAfter, slotAtOrBefore, slotsBetween, validateJob } from "./cron-slots.js";
export type { JobRunContext, RecurringJob } from "./job-definition.js";
export { type JobRunner, type JobRunnerOptions, startJobRunner } from "./job-runner.js";
export { type JobDeps, recurringJobs } from "./registry.js";
export { phaseOfKey, type SlotClaim, SlotLeases, type SlotLeasesOptions } from "./slot-leases.js";
export { kyselyExecutor, type SqlExecutor, splitStatements } from "./sql-executor.js";
export { TimeSlice } from "./time-slice.js";
