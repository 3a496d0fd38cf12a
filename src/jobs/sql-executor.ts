import { CompiledQuery, type Kysely } from "kysely";

/** What pg-boss calls instead of its own pool (`new PgBoss({ db })`). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss over the store's own Kysely instance, so it runs wherever the store does: a PostgreSQL
 * pool, PGlite in this thread or PGlite on its own thread. pg-boss sends its schema and queue
 * changes as one text of several statements wrapped in BEGIN … COMMIT; PGlite's extended protocol
 * takes one statement per query, so such a text is split and run in one Kysely transaction.
 */
// biome-ignore lint/suspicious/noExplicitAny: pg-boss's tables are not part of the store's schema type
export function kyselyExecutor(db: Kysely<any>): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0)
        return { rows: (await db.executeQuery(CompiledQuery.raw(text, values))).rows };
      const statements = splitStatements(text).filter((s) => !/^(begin|commit)$/i.test(s));
      if (statements.length === 1)
        return { rows: (await db.executeQuery(CompiledQuery.raw(statements[0]))).rows };
      let rows: unknown[] = [];
      await db.transaction().execute(async (trx) => {
        for (const statement of statements)
          rows = (await trx.executeQuery(CompiledQuery.raw(statement))).rows;
      });
      return { rows };
    },
  };
}

/** Splits SQL text at top-level semicolons (not inside quotes, dollar quotes or comments). */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? text.length : end + tag.length;
      } else i++;
    } else if (c === ";") {
      out.push(text.slice(start, i));
      start = ++i;
    } else i++;
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}
