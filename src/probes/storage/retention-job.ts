import type { Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import { DEFAULT_RETENTION, type RetentionPolicy } from "../rollups/rollup.js";
import { applyRetention } from "./sample-store.js";

/**
 * Prunes raw samples and rollups on a timer (default hourly; first run after `everyMs`).
 * The server starts one; errors are reported through `onError` and never stop the timer.
 */
export function startRetentionJob(opts: {
  db: Kysely<Database>;
  policy?: RetentionPolicy;
  everyMs?: number;
  now?: () => Date;
  onError?: (err: unknown) => void;
}): { runNow(): Promise<Awaited<ReturnType<typeof applyRetention>>>; stop(): void } {
  const runNow = () =>
    applyRetention(opts.db, (opts.now ?? (() => new Date()))(), opts.policy ?? DEFAULT_RETENTION);
  const timer = setInterval(() => {
    runNow().catch((err) => opts.onError?.(err));
  }, opts.everyMs ?? 3_600_000);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
