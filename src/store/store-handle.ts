import type { EventLoopUtilization } from "node:perf_hooks";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface Store {
  db: Kysely<Database>;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
  /** PGlite on its own thread only: how busy that thread has been (since `since`), for benchmarks and health. */
  databaseThreadUtilization?: (since?: EventLoopUtilization) => EventLoopUtilization;
}

/** A store over a Kysely instance: `close()` runs once, destroys Kysely, then `closeClient`. */
export function storeOver(
  db: Kysely<Database>,
  kind: Store["kind"],
  closeClient: () => Promise<void> = async () => {},
): Store {
  let closed = false;
  return {
    db,
    kind,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await closeClient();
    },
  };
}
