// The PGlite thread of a store opened with `pgliteThread: "worker"` (src/store/pglite-thread.ts).
// Plain JavaScript so the same file runs under tsc's dist/ and under tsx/vitest (copied by `npm run build`).
// Messages in: { id, op: "open", dataDir, template? (bytes of a dumped data folder, tests) } | { id, op: "query", sql, params } | { id, op: "close" }.
// Messages out: { id, ok: true, rows?, affectedRows? } | { id, ok: false, error: { message, code, … } }.
import { parentPort } from "node:worker_threads";
import { PGlite, protocol } from "@electric-sql/pglite";
import { isStalePlan, PreparedStatements, statementUse } from "./statement-cache.mjs";

// One statement as a single extended-protocol message (parse, bind, describe, execute, sync; a
// statement prepared earlier skips the parse, see `prepared` below).
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
    const known = prepared.get(sql);
    if (known) {
      try {
        return firstResult(
          (await db.execProtocol(join(serialize.bind({ statement: known, values }), tail))).messages,
        );
      } catch (err) {
        if (!isStalePlan(err)) throw err;
        prepared.delete(sql);
        await closeStatements([known]);
        // Inside a transaction the failure has aborted it: nothing to retry there.
        if (db.isInTransaction()) throw err;
      }
    }
    const use = statementUse(sql);
    if (use === "schema") await closeStatements(prepared.clear());
    const name = use === "prepare" ? prepared.newName() : "";
    try {
      const result = firstResult(
        (
          await db.execProtocol(
            join(serialize.parse({ name, text: sql }), serialize.bind({ statement: name, values }), tail),
          )
        ).messages,
      );
      if (name) await closeStatements([prepared.add(sql, name)].filter(Boolean));
      return result;
    } catch (err) {
      // The parse may have succeeded before the bind or execute failed; the name is never reused.
      if (name) await closeStatements([name]);
      throw err;
    }
  });
}

// Statements prepared once and then only bound and executed (statement-cache.mjs); PGlite has one
// session, so one map.
const prepared = new PreparedStatements(200);

async function closeStatements(names) {
  if (names.length === 0) return;
  const closes = names.map((name) => serialize.close({ type: "S", name }));
  await db.execProtocol(join(...closes, serialize.sync()), { throwOnError: false });
}

function join(...parts) {
  const message = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    message.set(part, at);
    at += part.length;
  }
  return message;
}

// The rows and affected-row count of the first statement's result, as PGlite's parse.parseResults
// gives them. That function copies its parser table into a new object on every call (`{...parsers}`,
// 316 entries once the array types are known): measured 120 µs of each statement's time on this
// thread, more than the statement itself for a lookup by id. Here the table is read in place.
function firstResult(messages) {
  let fields = [];
  const rows = [];
  for (const m of messages) {
    if (m.name === "rowDescription") {
      fields = m.fields.map((f) => ({ name: f.name, parser: db.parsers[f.dataTypeID], type: f.dataTypeID }));
    } else if (m.name === "dataRow") {
      const row = {};
      for (let i = 0; i < m.fields.length; i++) {
        const value = m.fields[i];
        const { name, parser, type } = fields[i];
        row[name] = value === null ? null : parser ? parser(value, type) : value;
      }
      rows.push(row);
    } else if (m.name === "commandComplete") {
      return { rows, affectedRows: affectedRowsOf(m.text) };
    }
  }
  return { rows: [], affectedRows: undefined };
}

/** The count in a command tag ("INSERT 0 3", "UPDATE 2", …); none for a command that changes no rows. */
function affectedRowsOf(tag) {
  const words = tag.split(" ");
  switch (words[0]) {
    case "INSERT":
      return Number.parseInt(words[2], 10);
    case "UPDATE":
    case "DELETE":
    case "COPY":
    case "MERGE":
      return Number.parseInt(words[1], 10);
    default:
      return undefined;
  }
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
        affectedRows: result.affectedRows,
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
