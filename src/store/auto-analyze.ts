import { type Kysely, sql } from "kysely";
import type { Store } from "./open-store.js";
import type { Database } from "./schema.js";

/**
 * Nothing ANALYZEs the tables of an embedded PostgreSQL (PGlite has no autovacuum daemon), nor of a
 * PostgreSQL server run with `autovacuum = off`, and a server with the daemon gets to a bulk load
 * only after its naptime. Until then the planner guesses a handful of rows per workspace and, for a
 * list page, scans and sorts the workspace's whole table instead of walking the list index
 * (measured: PGlite 20 ms instead of 0.4 ms for 51 of 5,000 tickets; PostgreSQL 15, 2,000 tickets:
 * 1.5 ms instead of 0.36 ms, four times the database's work per request at 500 req/s). This applies
 * autovacuum's own analyze rule (changed rows > 50 + 10% of the table) on demand, on both stores;
 * where the daemon got there first, nothing is past the rule and nothing is done.
 */
export async function analyzeChangedTables(store: Store): Promise<string[]> {
  if (store.kind === "pglite") return analyzeIn(store.db, store.kind);
  // Every server on one PostgreSQL runs this check: one at a time analyzes, the others skip the
  // round (two replicas were seen analyzing the same table at once, 90 and 166 ms each).
  return store.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_xact_lock(${AUTO_ANALYZE_LOCK}) as got`.execute(trx);
    return rows[0]?.got ? analyzeIn(trx, store.kind) : [];
  });
}

/** The advisory lock the analyze check holds on PostgreSQL, one per schema (each is a Termsight store). */
export const AUTO_ANALYZE_LOCK = sql`hashtext(current_schema() || ':auto-analyze')`;

async function analyzeIn(db: Kysely<Database>, kind: Store["kind"]): Promise<string[]> {
  // Table statistics reach the views up to a second late; ask for them now (PostgreSQL 15+; asked
  // first, as a failed call would end the transaction).
  const version = await sql<{ v: number }>`select current_setting('server_version_num')::int as v`.execute(
    db,
  );
  if (kind === "pglite" || (version.rows[0]?.v ?? 0) >= 150000)
    await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ name: string }>`
    select s.relname as name
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()
      and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    order by s.relname`.execute(db);
  for (const { name } of rows) await sql`analyze ${sql.table(name)}`.execute(db);
  return rows.map((r) => r.name);
}

export interface AutoAnalyze {
  /** Runs the check now (also runs on its timer). */
  runNow(): Promise<string[]>;
  stop(): void;
}

/** Runs `analyzeChangedTables` every `everyMs` (default a minute), as autovacuum would. */
export function startAutoAnalyze(opts: {
  store: Store;
  everyMs?: number;
  onError?: (err: unknown) => void;
}): AutoAnalyze {
  let running: Promise<string[]> | null = null;
  const runNow = () => {
    running ??= analyzeChangedTables(opts.store).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    runNow().catch((err) => opts.onError?.(err));
  }, opts.everyMs ?? 60_000);
  timer.unref();
  return {
    runNow,
    stop: () => clearInterval(timer),
  };
}
