import { existsSync } from "node:fs";
import type { EventLoopUtilization } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type { Database } from "./schema.js";
import { type Store, storeOver } from "./store-handle.js";

type Reply =
  | { id: number; ok: true; rows?: unknown[]; affectedRows?: number }
  | {
      id: number;
      ok: false;
      error: { message: string } & Record<string, unknown>;
    };

/** The worker script: beside this file in dist/ (copied by the build) or in src/ (tsx, vitest). */
function workerScript(): URL {
  const beside = new URL("./pglite-worker.mjs", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL("../../src/store/pglite-worker.mjs", import.meta.url);
}

/**
 * PGlite on its own thread. PGlite runs Postgres (WASM) synchronously inside whichever thread calls
 * it, so in the server's thread every query stops HTTP parsing and JSON work; here the two run on
 * two cores. Measured with `npm run bench:api` (500 req/s offered): the tickets list went from 394
 * to 500 req/s, p99 68 → 48 ms. Queries are answered in order; a crash of the thread fails every
 * pending and later call instead of hanging.
 */
export class PgliteThread {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: Reply & { ok: true }) => void; reject: (e: Error) => void }
  >();
  private dead: Error | null = null;

  private constructor() {
    this.worker = new Worker(workerScript());
    this.worker.on("message", (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(Object.assign(new Error(reply.error.message), reply.error));
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const waiter of this.pending.values()) waiter.reject(this.dead);
      this.pending.clear();
    };
    this.worker.on("error", (err) => fail(new Error(`PGlite thread failed: ${err.message}`)));
    this.worker.on("exit", (code) => fail(new Error(`PGlite thread exited (code ${code})`)));
  }

  /** Starts the thread and opens the data folder (or `memory://`), optionally from a dumped data folder. */
  static async open(dataDir: string, template?: Uint8Array): Promise<PgliteThread> {
    const thread = new PgliteThread();
    try {
      await thread.call({ op: "open", dataDir, ...(template ? { template } : {}) });
    } catch (err) {
      await thread.worker.terminate();
      throw err;
    }
    return thread;
  }

  call(msg: Record<string, unknown>): Promise<Reply & { ok: true }> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** `affectedRows` only for a command that changes rows (0 included), as node-pg's Kysely driver. */
  async query(sql: string, params: readonly unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }> {
    const reply = await this.call({ op: "query", sql, params: [...params] });
    return { rows: reply.rows ?? [], affectedRows: reply.affectedRows };
  }

  /** The thread's event-loop utilization: the share of time it spent running statements. */
  utilization(since?: EventLoopUtilization): EventLoopUtilization {
    return this.worker.performance.eventLoopUtilization(since);
  }

  /** Closes the database, then stops the thread (idempotent). */
  async close(): Promise<void> {
    if (this.dead) return;
    try {
      await this.call({ op: "close" });
    } finally {
      this.dead = new Error("PGlite thread closed");
      await this.worker.terminate();
    }
  }
}

class ThreadConnection implements DatabaseConnection {
  constructor(
    private readonly thread: PgliteThread,
    private readonly session: ThreadSession,
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.session.mayRun(this)) await this.session.turn(this);
    const { rows, affectedRows } = await this.thread.query(query.sql, query.parameters);
    return affectedRows !== undefined
      ? { rows: rows as R[], numAffectedRows: BigInt(affectedRows) }
      : { rows: rows as R[] };
  }
  // biome-ignore lint/correctness/useYield: streaming is not offered by this store
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported on the PGlite thread");
  }
}

/**
 * Who may send statements to PGlite's one session. Outside transactions statements are sent at once
 * and the thread answers them in order, so it always has the next one queued instead of idling while
 * this thread resolves the last answer and starts the next query (POST ticket event: 350–450 → ~500
 * req/s in `npm run bench:api`). A transaction owns the session from its `begin` to its end: others'
 * statements wait, then go in the order they came.
 */
class ThreadSession {
  private owner: ThreadConnection | null = null;
  private readonly waiting: (() => void)[] = [];
  mayRun(c: ThreadConnection): boolean {
    return this.owner === null || this.owner === c;
  }
  /** Resolves when `c` may send (no transaction, or its own). */
  async turn(c: ThreadConnection): Promise<void> {
    while (!this.mayRun(c)) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  async own(c: ThreadConnection): Promise<void> {
    await this.turn(c);
    this.owner = c;
  }
  release(c: ThreadConnection): void {
    if (this.owner !== c) return;
    this.owner = null;
    // Wake everyone in arrival order; the first to begin a transaction takes the session again and the
    // rest wait once more.
    for (const wake of this.waiting.splice(0)) wake();
  }
}

class ThreadDriver implements Driver {
  private readonly session = new ThreadSession();
  constructor(private readonly thread: PgliteThread) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new ThreadConnection(this.thread, this.session);
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    // A connection given back inside its transaction (it should not be) must not keep the session.
    this.session.release(c as ThreadConnection);
  }
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.session.own(c as ThreadConnection);
    try {
      await c.executeQuery(
        CompiledQuery.raw(
          settings.isolationLevel ? `start transaction isolation level ${settings.isolationLevel}` : "begin",
        ),
      );
    } catch (err) {
      this.session.release(c as ThreadConnection);
      throw err;
    }
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    try {
      await c.executeQuery(CompiledQuery.raw("commit"));
    } finally {
      this.session.release(c as ThreadConnection);
    }
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    try {
      await c.executeQuery(CompiledQuery.raw("rollback"));
    } finally {
      this.session.release(c as ThreadConnection);
    }
  }
  async destroy(): Promise<void> {}
}

/** A store over a PGlite thread (the migrations are the caller's: `openStore` runs them). */
export function pgliteThreadStore(thread: PgliteThread): Store {
  return {
    ...storeOver(new Kysely<Database>({ dialect: pgliteThreadDialect(thread) }), "pglite", () =>
      thread.close(),
    ),
    databaseThreadUtilization: (since) => thread.utilization(since),
  };
}

/** A Kysely dialect over a PGlite thread. */
export function pgliteThreadDialect(thread: PgliteThread): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new ThreadDriver(thread),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}
