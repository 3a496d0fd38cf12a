import type pg from "pg";
import { isStalePlan, PreparedStatements, statementUse } from "./statement-cache.mjs";

/** Prepared statements each pooled connection keeps (PostgreSQL holds each one's plan per session). */
const PER_CONNECTION = 100;

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

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
    const plain = client.query.bind(client) as unknown as (...args: unknown[]) => Promise<pg.QueryResult>;
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
