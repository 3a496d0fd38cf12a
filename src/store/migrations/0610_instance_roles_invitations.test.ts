import { PGlite } from "@electric-sql/pglite";
import { Kysely, type Migration, Migrator, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "./index.js";

// biome-ignore lint/suspicious/noExplicitAny: the schema before the migration is not the typed one
let db: Kysely<any>;
const upTo = async (last: string) => {
  const out: Record<string, Migration> = {};
  for (const m of migrations) {
    out[m.name] = await m.load();
    if (m.name === last) break;
  }
  const r = await new Migrator({ db, provider: { getMigrations: async () => out } }).migrateToLatest();
  if (r.error) throw r.error;
};

beforeAll(async () => {
  db = new Kysely({ dialect: new PGliteDialect(await PGlite.create()) });
  await upTo("0500_ticket_sla");
});
afterAll(async () => {
  await db?.destroy();
});

describe("migration 0610 on an instance that has accounts", () => {
  it("makes the setup account (its setup audit entry) the instance admin, everyone else a member", async () => {
    const user = (id: string, at: string) => ({
      id,
      email: `${id}@acme.test`,
      name: id,
      password_hash: "x",
      created_at: at,
    });
    await db
      .insertInto("users")
      .values([
        user("early", "2026-01-01T00:00:00Z"),
        user("setup", "2026-01-02T00:00:00Z"),
        user("late", "2026-01-03T00:00:00Z"),
      ])
      .execute();
    await db
      .insertInto("audit_log")
      .values({ id: "a1", action: "setup", entity: "user", entity_id: "setup", details: sql`'null'::jsonb` })
      .execute();
    await upTo("0610_instance_roles_invitations");
    const rows = await db.selectFrom("users").select(["id", "instance_role"]).orderBy("created_at").execute();
    expect(rows).toEqual([
      { id: "early", instance_role: "member" },
      { id: "setup", instance_role: "admin" },
      { id: "late", instance_role: "member" },
    ]);
  });
});
