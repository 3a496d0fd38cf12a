import type { RecurringJob } from "../../jobs/index.js";
import { DEFAULT_RETENTION } from "../rollups/rollup.js";
import { applyRetention } from "./sample-store.js";

/**
 * Prunes raw samples and rollups past the default retention (hourly, at :07 UTC). A missed hour
 * needs no catch-up: the latest run prunes everything older than its cut-offs.
 */
export const probeRetentionJob: RecurringJob = {
  name: "probe-retention",
  cron: "7 * * * *",
  timeZone: "UTC",
  catchUp: "latest",
  timeoutMs: 10 * 60_000,
  async run(ctx) {
    const removed = await applyRetention(ctx.store.db, ctx.now(), DEFAULT_RETENTION);
    ctx.log("probe retention", { ...removed });
  },
};
