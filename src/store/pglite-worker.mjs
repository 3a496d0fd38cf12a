// The PGlite thread of a store opened with `pgliteThread: "worker"` (src/store/pglite-thread.ts).
// Plain JavaScript so the same file runs under tsc's dist/ and under tsx/vitest (copied by `npm run build`).
// Messages in: { id, op: "open", dataDir, template? (bytes of a dumped data folder, tests) } | { id, op: "query", sql, params } | { id, op: "close" }.
// Messages out: { id, ok: true, rows?, affectedRows? } | { id, ok: false, error: { message, code, … } }.
import { parentPort } from "node:worker_threads";
import { PGlite, parse, protocol } from "@electric-sql/pglite";

// One statement as a single extended-protocol message (parse, bind, describe, execute, sync).
// PGlite's own query() makes six trips into the database for the same work (it first asks for
// the parameter types); the saving is about half of each statement's cost on this thread
// (measured: select by id 263 -> 129 µs). Parameters are serialized by their JavaScript type the
// way PGlite's serializers would; arrays (whose text form depends on the column type) and
// anything unexpected go through db.query().
function textParam(value) {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "t" : "f";
    case "object":
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
      if (Array.isArray(value)) return undefined;
      return JSON.stringify(value);
    default:
      return undefined;
  }
}

const { serialize } = protocol;
const tail = new Uint8Array([
  ...serialize.describe({ type: "P" }),
  ...serialize.execute({}),
  ...serialize.sync(),
]);

async function runStatement(sql, params = []) {
  const values = params.map(textParam);
  if (values.includes(undefined)) return db.query(sql, params);
  // The query mutex keeps this from landing between the steps of a db.query() already running.
  return db._runExclusiveQuery(async () => {
    const head = [serialize.parse({ text: sql }), serialize.bind({ values })];
    const message = new Uint8Array(head[0].length + head[1].length + tail.length);
    message.set(head[0], 0);
    message.set(head[1], head[0].length);
    message.set(tail, head[0].length + head[1].length);
    const { messages } = await db.execProtocol(message);
    return parse.parseResults(messages, db.parsers)[0];
  });
}

let db = null;
parentPort.on("message", async (msg) => {
  try {
    if (msg.op === "open") {
      db = await PGlite.create(msg.dataDir, msg.template ? { loadDataDir: new Blob([msg.template]) } : {});
      parentPort.postMessage({ id: msg.id, ok: true });
    } else if (msg.op === "query") {
      const result = await runStatement(msg.sql, msg.params);
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
