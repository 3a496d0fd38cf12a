import type { RecurringJob } from "../jobs/job-definition.js";
import { watchFetchOptionsFromEnv } from "./fetch-page.js";
import { runWatchRound } from "./run-watch-round.js";

/**
 * Every 10 minutes: fetch the watched documents that are due (each watch has its own schedule,
 * twice a day by default, jittered), one request at a time per host.
 */
export const watchRoundJob: RecurringJob = {
  name: "watch-round",
  cron: "*/10 * * * *",
  catchUp: "latest",
  timeoutMs: 9 * 60_000,
  async run(ctx) {
    const stats = await runWatchRound(ctx.store, ctx.now(), watchFetchOptionsFromEnv());
    ctx.log("watch round", { ...stats });
  },
};
