// The PGlite thread of a store opened with `pgliteThread: "worker"` (src/store/pglite-thread.ts).
// Plain JavaScript so the same file runs under tsc's dist/ and under tsx/vitest (copied by `npm run build`).
// Messages in: { id, op: "open", dataDir, template? (bytes of a dumped data folder, tests) } | { id, op: "query", sql, params } | { id, op: "close" }.
// Messages out: { id, ok: true, rows?, affectedRows? } | { id, ok: false, error: { message, code, … } }.
import { parentPort } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

let db = null;
parentPort.on("message", async (msg) => {
  try {
    if (msg.op === "open") {
      db = await PGlite.create(msg.dataDir, msg.template ? { loadDataDir: new Blob([msg.template]) } : {});
      parentPort.postMessage({ id: msg.id, ok: true });
    } else if (msg.op === "query") {
      const result = await db.query(msg.sql, msg.params);
      parentPort.postMessage({
        id: msg.id,
        ok: true,
        rows: result.rows,
        affectedRows: result.affectedRows ?? 0,
      });
    } else if (msg.op === "close") {
      if (db && !db.closed) await db.close();
      parentPort.postMessage({ id: msg.id, ok: true });
    } else {
      throw new Error(`unknown op ${msg.op}`);
    }
  } catch (err) {
    const e = err ?? {};
    // Errors cross the thread as plain data; the fields callers test (code, constraint…) are kept.
    parentPort.postMessage({
      id: msg.id,
      ok: false,
      error: {
        message: String(e.message ?? e),
        code: e.code,
        constraint: e.constraint,
        detail: e.detail,
        table: e.table,
        column: e.column,
        severity: e.severity,
      },
    });
  }
});
