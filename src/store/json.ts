import { type RawBuilder, sql } from "kysely";

/**
 * A value for a jsonb column, written the same way on PGlite and pg (pg would turn a JS array
 * into a PostgreSQL array literal, so the value goes in as text and is cast).
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
}
