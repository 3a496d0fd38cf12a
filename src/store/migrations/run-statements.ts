import { type Kysely, sql } from "kysely";

/**
 * Runs DDL statements one by one (PGlite's extended protocol takes one statement per query).
 * Migrations pass plain SQL, so the same text runs on PGlite and PostgreSQL.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function runStatements(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
