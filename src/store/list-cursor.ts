import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { z } from "zod";
import { InputError } from "../errors/index.js";
import { selectRowsViaJson } from "./json.js";
import type { Database } from "./schema.js";

/** Opaque keyset cursor over (created_at, id), newest first: shared by every list verb. */
export function encodeListCursor(at: Date | string, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString("base64url");
}

export function decodeListCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad");
    return { at: date, id };
  } catch {
    throw new InputError("query.cursor", "not a cursor returned by this list");
  }
}

/** `?limit=` (default 50, max 500) and `?cursor=` of every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Columns the list is ordered by (newest first); defaults to `created_at`, `id`. */
export interface CursorColumns {
  at: string;
  id: string;
}

const DEFAULT_COLUMNS: CursorColumns = { at: "created_at", id: "id" };

/**
 * Applies keyset pagination to a select: newest first by (at, id), rows after the cursor,
 * limit + 1 rows (the extra one tells `toPage` there is a next page).
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any table's select
export function paginate<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  page: PageQuery,
  cols = DEFAULT_COLUMNS,
): QB {
  let q = qb.orderBy(sql`${sql.ref(cols.at)} desc`).orderBy(sql`${sql.ref(cols.id)} desc`);
  if (page.cursor) {
    const { at, id } = decodeListCursor(page.cursor);
    q = q.where(sql<boolean>`(${sql.ref(cols.at)}, ${sql.ref(cols.id)}) < (${at}::timestamptz, ${id})`);
  }
  return q.limit(page.limit + 1) as QB;
}

/**
 * One page of a plain-column select, newest first by (created_at, id): `paginate`, read through
 * one JSON value (`selectRowsViaJson`: on PGlite a 51-row page decodes in a fraction of the time),
 * then `toPage`. The named timestamp columns come back as Dates, as from `paginate(…).execute()`.
 */
export async function selectPage<Row extends { created_at: Date; id: string }>(
  db: Kysely<Database>,
  // biome-ignore lint/suspicious/noExplicitAny: works on any table's select
  qb: SelectQueryBuilder<any, any, Row>,
  page: PageQuery,
  timestampColumns: readonly (keyof Row & string)[],
): Promise<Page<Row>> {
  const rows = await selectRowsViaJson<Row>(
    db,
    paginate(qb, page),
    timestampColumns,
    sql`x.created_at desc, x.id desc`,
  );
  return toPage(rows, page);
}

/** Turns the `limit + 1` rows of `paginate` into `{ items, next_cursor }`. */
export function toPage<T>(
  rows: T[],
  page: PageQuery,
  key: (row: T) => { at: Date; id: string } = (row) => {
    const r = row as { created_at: Date; id: string };
    return { at: r.created_at, id: r.id };
  },
): Page<T> {
  if (rows.length <= page.limit) return { items: rows, next_cursor: null };
  const items = rows.slice(0, page.limit);
  const last = key(items[items.length - 1] as T);
  return { items, next_cursor: encodeListCursor(last.at, last.id) };
}
