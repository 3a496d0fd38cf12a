import { type Compilable, type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "./schema.js";

/**
 * A value for a jsonb column, written the same way on PGlite and pg (pg would turn a JS array
 * into a PostgreSQL array literal, so the value goes in as text and is cast).
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
}

/**
 * Runs a select and decodes its rows from one `json_agg` text value. On PGlite, decoding the wire
 * protocol field by field is most of a list request's cost (a 51-row ticket page: ~1 ms more than
 * one JSON.parse). jsonb columns come back as values; the named timestamp columns are turned back
 * into Dates, so rows look as a plain select returns them. The aggregate does not promise the
 * subquery's order: callers sort, or name the order (SQL over the subquery's alias `x`).
 */
export async function selectRowsViaJson<Row>(
  db: Kysely<Database>,
  query: Compilable<Row>,
  timestampColumns: readonly (keyof Row & string)[],
  order?: RawBuilder<unknown>,
): Promise<Row[]> {
  const aggregate = order ? sql`json_agg(x order by ${order})` : sql`json_agg(x)`;
  const { rows } = await sql<{
    rows: string;
  }>`select coalesce(${aggregate}, '[]')::text as rows from (${query}) x`.execute(db);
  const out = JSON.parse(rows[0]?.rows ?? "[]") as Record<string, unknown>[];
  for (const row of out) reviveTimestamps(row, timestampColumns);
  return out as Row[];
}

/** Turns the named columns of a row decoded from JSON (ISO text) back into Dates, in place. */
export function reviveTimestamps<Row extends Record<string, unknown>>(
  row: Row,
  columns: readonly string[],
): Row {
  const r = row as Record<string, unknown>;
  for (const column of columns) {
    const value = r[column];
    if (typeof value === "string") r[column] = new Date(value);
  }
  return row;
}
