import { probeRetentionJob } from "../probes/index.js";
import { ticketSlaRefreshJob } from "../tickets/index.js";
import type { RecurringJob } from "./job-definition.js";

/**
 * Every recurring job `termsight serve` runs, one line each. Probe rounds are not here: they are
 * leased per (probe, region, slot) in probe_round_claims (src/jobs/slot-leases.ts), since 5,000
 * probes at 10 s are 500 runs a second, more than a queue row per run should carry.
 */
export const recurringJobs: readonly RecurringJob[] = [probeRetentionJob, ticketSlaRefreshJob];
