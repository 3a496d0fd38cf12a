import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIO_IDS } from "../../terms/index.js";
import { newId } from "../ids.js";
import type { Store } from "../open-store.js";
import { storeBackends } from "../testing.js";

describe.each(storeBackends())(
  "migration 0740 on $name: a review's scenario is one of SCENARIO_IDS",
  ({ open }) => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    }, 300_000);
    afterAll(async () => {
      await store?.close();
    });

    it("accepts every listed scenario and refuses another", async () => {
      const db = store.db;
      const ws = newId();
      const doc = newId();
      await db.insertInto("workspaces").values({ id: ws, name: "W" }).execute();
      await db
        .insertInto("documents")
        .values({
          id: doc,
          workspace_id: ws,
          vendor_id: null,
          product_id: null,
          name: "d.txt",
          format: "txt",
          language: "en",
          encoding: "utf-8",
          size_bytes: 1,
          sha256: "x",
          version: 1,
          original: new Uint8Array([1]),
          text: "x",
          created_by: null,
        })
        .execute();
      const review = (scenario: string, lang: string) =>
        db
          .insertInto("reviews")
          .values({
            id: newId(),
            workspace_id: ws,
            document_id: doc,
            scenario: scenario as never,
            lang,
            score: 0,
            result: JSON.stringify({}) as never,
            created_by: null,
          })
          .execute();
      for (const s of SCENARIO_IDS) await review(s, "en");
      await expect(review("made-up", "zh")).rejects.toThrow(/reviews_scenario_check/);
    });
  },
);
