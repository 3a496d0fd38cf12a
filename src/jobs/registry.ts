import { alertAllowlist, createAlertJob } from "../alerts/index.js";
import { probeRetentionJob, type SecretBox } from "../probes/index.js";
import { monthlyReportJob, quarterlyReportJob } from "../report/index.js";
import { ticketSlaRefreshJob } from "../tickets/index.js";
import {
  createWatchRetentionJob,
  snapshotRetentionFromEnv,
  statusRoundJob,
  watchRoundJob,
} from "../watch/index.js";
import type { RecurringJob } from "./job-definition.js";

/** What some jobs need from the server that runs them. */
export interface JobDeps {
  /** Opens sealed alert-channel settings; null when the server has no secret key. */
  secretBox: SecretBox | null;
  /** The operator's environment (allow-lists such as TERMSIGHT_ALERT_ALLOW). */
  env: Record<string, string | undefined>;
}

/**
 * Every recurring job `termsight serve` runs, one line each. Probe rounds are not here: they are
 * leased per (probe, region, slot) in probe_round_claims (src/jobs/slot-leases.ts), since 5,000
 * probes at 10 s are 500 runs a second, more than a queue row per run should carry.
 */
export function recurringJobs(deps: JobDeps): RecurringJob[] {
  return [
    probeRetentionJob,
    ticketSlaRefreshJob,
    createAlertJob({ box: deps.secretBox, send: { allow: alertAllowlist(deps.env).allow } }),
    watchRoundJob,
    statusRoundJob,
    createWatchRetentionJob(snapshotRetentionFromEnv(deps.env)),
    monthlyReportJob,
    quarterlyReportJob,
  ];
}
