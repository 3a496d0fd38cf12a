import type { Store } from "../store/index.js";

/** What a job run receives: the store, the instant it was scheduled for, and the server's clock. */
export interface JobRunContext {
  store: Store;
  /** The slot this run is for (a caught-up run has a past instant here). */
  scheduledFor: Date;
  now: () => Date;
  /** Aborted when the server stops or the run's lease is lost. */
  signal: AbortSignal;
  log: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * A recurring task. Exactly one server runs each (name, scheduledFor) slot; a failed run is
 * retried with backoff, a missed slot is caught up (or recorded as missed when `catchUp` is
 * "record"). Each domain exports its jobs as values of this type; `src/jobs/registry.ts` lists them.
 */
export interface RecurringJob {
  /** Stable id, kebab-case, e.g. "alerts-evaluate". */
  name: string;
  /** Five-field cron expression, read in `timeZone`. */
  cron: string;
  /** IANA zone the cron is read in (default "UTC"); a workspace's reports use its own zone. */
  timeZone?: string;
  /** Missed slots after downtime: run the latest once ("latest", default), each ("all") or record only. */
  catchUp?: "latest" | "all" | "record";
  /** Longest a run may take before its lease expires and another server may retry it. */
  timeoutMs?: number;
  run: (ctx: JobRunContext) => Promise<void>;
}
