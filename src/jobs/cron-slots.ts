import cronParser from "cron-parser";
import { InputError } from "../errors/index.js";
import type { RecurringJob } from "./job-definition.js";

/** Checks a job's name, cron and time zone; throws a one-line InputError naming the job. */
export function validateJob(job: RecurringJob): void {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(job.name))
    throw new InputError("job name", `"${job.name}" is not kebab-case (a-z, 0-9, -)`);
  try {
    new Intl.DateTimeFormat("en", { timeZone: job.timeZone ?? "UTC" });
  } catch {
    throw new InputError(`job ${job.name} timeZone`, `"${job.timeZone}" is not an IANA time zone`);
  }
  if (job.cron.trim().split(/\s+/).length !== 5)
    throw new InputError(`job ${job.name} cron`, `"${job.cron}" is not a five-field cron expression`);
  try {
    cronParser.parseExpression(job.cron, { tz: job.timeZone ?? "UTC" });
  } catch (err) {
    throw new InputError(`job ${job.name} cron`, `"${job.cron}": ${(err as Error).message}`);
  }
}

/** The latest slot of the job at or before `at` (null if the cron never fired before). */
export function slotAtOrBefore(job: RecurringJob, at: Date): Date | null {
  // prev() is strictly before currentDate: start a millisecond later so `at` itself counts
  const it = cronParser.parseExpression(job.cron, {
    tz: job.timeZone ?? "UTC",
    currentDate: new Date(at.getTime() + 1),
  });
  try {
    return it.prev().toDate();
  } catch {
    return null;
  }
}

/** The job's first slot strictly after `at` (null if the cron never fires again). */
export function slotAfter(job: RecurringJob, at: Date): Date | null {
  const it = cronParser.parseExpression(job.cron, { tz: job.timeZone ?? "UTC", currentDate: at });
  try {
    return it.next().toDate();
  } catch {
    return null;
  }
}

/** The job's slots in (after, upTo], oldest first, at most `limit` (the newest `limit` if more). */
export function slotsBetween(job: RecurringJob, after: Date, upTo: Date, limit = 1000): Date[] {
  const it = cronParser.parseExpression(job.cron, {
    tz: job.timeZone ?? "UTC",
    currentDate: new Date(upTo.getTime() + 1),
    endDate: after,
  });
  const out: Date[] = [];
  while (out.length < limit && it.hasPrev()) {
    const slot = it.prev().toDate();
    if (slot.getTime() <= after.getTime()) break;
    out.push(slot);
  }
  return out.reverse();
}
