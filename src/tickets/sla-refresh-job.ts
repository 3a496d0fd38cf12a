import type { RecurringJob } from "../jobs/index.js";
import { refreshTicketSla } from "./refresh-ticket-sla.js";

/**
 * Recomputes stale stored SLA states (new clock data, a changed contract) in batches of 500 every
 * 10 minutes; lists also refresh the rows they read, so this only keeps the rest current.
 */
export const ticketSlaRefreshJob: RecurringJob = {
  name: "ticket-sla-refresh",
  cron: "*/10 * * * *",
  timeZone: "UTC",
  catchUp: "latest",
  timeoutMs: 10 * 60_000,
  async run(ctx) {
    let total = 0;
    for (;;) {
      if (ctx.signal.aborted) break;
      const n = await refreshTicketSla(ctx.store.db, { limit: 500 });
      total += n;
      if (n < 500) break; // a short batch was the last one
    }
    ctx.log("ticket SLA refresh", { tickets: total });
  },
};
