import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../ids.js";
import type { Store } from "../open-store.js";
import { storeBackends } from "../testing.js";
import { up } from "./0790_contract_versions.js";

describe.each(storeBackends())(
  "migration 0790 on $name: contracts saved before it keep their current version",
  ({ open }) => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    }, 300_000);
    afterAll(async () => {
      await store?.close();
    });

    it("copies each contract's current YAML in as its version; a deleted contract takes its versions along", async () => {
      const db = store.db;
      const ws = newId();
      await db.insertInto("workspaces").values({ id: ws, name: "W" }).execute();
      const contract = (id: string, version: number) =>
        db
          .insertInto("contracts")
          .values({
            id,
            workspace_id: ws,
            vendor_id: null,
            name: `contract ${id}`,
            terms_yaml: `schema: termsight.terms/v1\n# ${id} at v${version}\n`,
            terms: JSON.stringify({}) as never,
            valid_from: null,
            valid_to: null,
            version,
            created_by: null,
          })
          .execute();
      // the store is migrated already: undo 0790, add contracts as an older release stored them, redo it
      await sql`drop table contract_versions`.execute(db);
      await contract("c-one", 1);
      await contract("c-three", 3);
      await up(db);
      const rows = await db
        .selectFrom("contract_versions")
        .select(["contract_id", "version", "terms_yaml", "name"])
        .where("workspace_id", "=", ws)
        .orderBy("contract_id")
        .execute();
      expect(rows).toEqual([
        {
          contract_id: "c-one",
          version: 1,
          name: "contract c-one",
          terms_yaml: "schema: termsight.terms/v1\n# c-one at v1\n",
        },
        {
          contract_id: "c-three",
          version: 3,
          name: "contract c-three",
          terms_yaml: "schema: termsight.terms/v1\n# c-three at v3\n",
        },
      ]);
      await db.deleteFrom("contracts").where("id", "=", "c-one").execute();
      const left = await db
        .selectFrom("contract_versions")
        .select("contract_id")
        .where("workspace_id", "=", ws)
        .execute();
      expect(left.map((r) => r.contract_id)).toEqual(["c-three"]);
    });
  },
);
