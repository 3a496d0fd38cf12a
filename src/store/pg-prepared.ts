import type pg from "pg";
import { isStalePlan, PreparedStatements, statementUse } from "./statement-cache.mjs";

/** Prepared statements each pooled connection keeps (PostgreSQL holds each one's plan per session). */
const PER_CONNECTION = 100;

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * Runs a query in node-pg's callback form, answering a promise of our own. node-pg's promise form
 * (8.23) builds each Query without a callback and sets one afterwards; queries built that way had
 * their rows survive the next young-generation collection and be promoted to the old generation
 * (why V8 keeps them, I did not find: a Query built with its callback does not). Measured with a
 * bare pg.Client, 51 small rows a query, 3,000 queries, `--trace-gc-nvp`: 17.5 MB promoted and
 * scavenges of about 8 ms in the promise form, 0.0 MB and about 0.4 ms in the callback form. In a
 * server that was most of what its scavenges copied and what filled its old generation: in bench:api
 * a replica promoted 10–50 MB in each 10 s of GET requests, and 1.5 MB after this change.
 */
function viaCallback(query: (...args: unknown[]) => unknown, args: unknown[]): Promise<pg.QueryResult> {
  return new Promise<pg.QueryResult>((resolve, reject) => {
    query(...args, (err: Error | null, result: pg.QueryResult) => (err ? reject(err) : resolve(result)));
  }).catch((err: Error) => {
    // As node-pg's promise form does: the stack then leads back to the caller, not to the socket read.
    Error.captureStackTrace(err);
    throw err;
  });
}

/**
 * Makes every connection of the pool run its data statements by name: prepared on first use, then
 * only bound and executed, so PostgreSQL parses and plans each text once per connection
 * (statement-cache.mjs has the measurement). node-pg keeps every named statement a connection has
 * seen, with no bound, so the names here come from a bounded map per connection and an evicted one
 * is deallocated and forgotten by node-pg too. Only the `query(text, values)` form Kysely uses is
 * changed; cursors, config objects and callbacks pass through as they are.
 */
export function prepareStatementsPerConnection(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as unknown as (...args: unknown[]) => unknown;
    const plain = (...args: unknown[]) =>
      typeof args.at(-1) === "function" ||
      (typeof args[0] === "object" &&
        args[0] !== null &&
        typeof (args[0] as { submit?: unknown }).submit === "function")
        ? (original(...args) as Promise<pg.QueryResult>)
        : viaCallback(original, args);
    const statements = new PreparedStatements(PER_CONNECTION);
    // node-pg's record of the statements this connection has parsed (connection.parsedStatements).
    const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } })
      .connection?.parsedStatements;

    const letGo = async (names: string[]) => {
      for (const name of names) {
        if (parsed) delete parsed[name];
        // A failure here (an aborted transaction) leaves one plan on the server until the connection closes.
        await plain(`deallocate ${name}`).catch(() => {});
      }
    };

    const run: Query = async (text, values = []) => {
      const known = statements.get(text);
      if (known) {
        try {
          return await plain({ name: known, text, values });
        } catch (err) {
          if (!isStalePlan(err)) throw err;
          statements.delete(text);
          await letGo([known]);
          // Outside a transaction this answers as an unnamed statement would have; inside one the
          // failure has aborted it, and the first error is the one to report.
          return plain(text, values).catch((retry: { code?: string }) => {
            throw retry?.code === "25P02" ? err : retry;
          });
        }
      }
      const use = statementUse(text);
      if (use !== "prepare") {
        if (use === "schema") await letGo(statements.clear());
        return plain(text, values);
      }
      const name = statements.newName();
      try {
        const result = await plain({ name, text, values });
        const evicted = statements.add(text, name);
        if (evicted) await letGo([evicted]);
        return result;
      } catch (err) {
        // Parsed before the bind or execute failed: the statement exists, so it is kept like any other.
        if (parsed?.[name] !== undefined) {
          const evicted = statements.add(text, name);
          if (evicted) await letGo([evicted]);
        }
        throw err;
      }
    };

    const wrapped = (...args: unknown[]) =>
      typeof args[0] === "string" && args.length <= 2 && (args[1] === undefined || Array.isArray(args[1]))
        ? run(args[0], args[1] as unknown[] | undefined)
        : plain(...args);
    client.query = wrapped as typeof client.query;
  });
}
