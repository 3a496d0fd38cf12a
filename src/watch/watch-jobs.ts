import type { RecurringJob } from "../jobs/job-definition.js";
import { watchFetchOptionsFromEnv } from "./fetch-page.js";
import { runWatchRound } from "./run-watch-round.js";
import { runStatusRound } from "./status/poll-status-source.js";

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

/** Every 5 minutes: poll every vendor status source (Statuspage v2, compatible APIs, RSS/Atom). */
export const statusRoundJob: RecurringJob = {
  name: "status-round",
  cron: "*/5 * * * *",
  catchUp: "latest",
  timeoutMs: 4 * 60_000,
  async run(ctx) {
    const stats = await runStatusRound(ctx.store, ctx.now(), watchFetchOptionsFromEnv());
    ctx.log("status round", { ...stats });
  },
};
