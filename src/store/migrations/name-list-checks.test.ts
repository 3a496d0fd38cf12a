import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TICKET_EVENT_TYPES, TICKET_STATUSES } from "../../clock/index.js";
import type { Store } from "../index.js";
import { openTestPglite } from "../testing.js";

// A shipped migration keeps the list it was written with; a name added to a list later needs a new
// migration that widens the CHECK. These tests fail until it exists, so the store never refuses a
// value the schema accepts (or accepts one it refuses).

let store: Store;
beforeAll(async () => {
  store = await openTestPglite();
});
afterAll(async () => {
  await store?.close();
});

/** The quoted values of a column's `IN (...)` CHECK constraint, read back from the catalogue. */
async function checkValues(table: string, column: string): Promise<string[]> {
  const rows = await sql<{ def: string }>`
    select pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where t.relname = ${table} and c.contype = 'c'`.execute(store.db);
  const def = rows.rows
    .map((r) => r.def)
    .find((d) => d.includes(`(${column} = `) || d.includes(`${column} =`));
  if (!def) throw new Error(`no CHECK on ${table}.${column}`);
  return [...def.matchAll(/'([^']+)'::text/g)].map((m) => m[1] as string).sort();
}

describe("store CHECK constraints follow the name lists", () => {
  it("ticket_events.type allows exactly TICKET_EVENT_TYPES", async () => {
    expect(await checkValues("ticket_events", "type")).toEqual([...TICKET_EVENT_TYPES].sort());
  });
  it("ticket_events.status allows exactly TICKET_STATUSES", async () => {
    expect(await checkValues("ticket_events", "status")).toEqual([...TICKET_STATUSES].sort());
  });
});
