import type { Store } from "../store/index.js";
import { checkWatch, type WatchFetchOptions, type WatchOutcome } from "./check-watch.js";
import { hostOfUrl, runPerHost } from "./host-queue.js";

export interface WatchRoundStats {
  checked: number;
  outcomes: Record<WatchOutcome | "error", number>;
  /** The first few errors (a watch that threw stays due and is tried next round). */
  errors: { watchId: string; message: string }[];
}

/**
 * Fetches every watch due at `now` (all workspaces), one request at a time per host. A watch that
 * throws (a bug, a database error) is counted and the round goes on; it stays due.
 */
export async function runWatchRound(
  store: Store,
  now: Date,
  opts: WatchFetchOptions & { limit?: number; maxHosts?: number },
): Promise<WatchRoundStats> {
  const due = await store.db
    .selectFrom("watched_documents")
    .selectAll()
    .where("next_due_at", "<=", now)
    .orderBy("next_due_at")
    .limit(opts.limit ?? 5000)
    .execute();
  const outcomes: WatchRoundStats["outcomes"] = {
    changed: 0,
    unchanged: 0,
    not_modified: 0,
    broken: 0,
    unreachable: 0,
    error: 0,
  };
  const errors: WatchRoundStats["errors"] = [];
  await runPerHost(
    due,
    (w) => hostOfUrl((w.declaration as { url: string }).url),
    async (w) => {
      try {
        outcomes[(await checkWatch(store, w, now, opts)).outcome]++;
      } catch (err) {
        outcomes.error++;
        if (errors.length < 10)
          errors.push({ watchId: w.id, message: (err as Error).message ?? String(err) });
      }
    },
    opts.maxHosts,
  );
  return { checked: due.length, outcomes, errors };
}
