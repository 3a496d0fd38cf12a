import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUser, issueApiToken } from "../accounts/index.js";
import { buildServer } from "../server/index.js";
import type { Store } from "../store/index.js";
import { openTestPglite } from "../store/testing.js";
import { DEMO_DOCUMENTS, type DemoSeed, seedDemo } from "./index.js";

const NOW = new Date("2026-06-10T08:00:00Z");
let store: Store;
let seed: DemoSeed | null;
beforeAll(async () => {
  store = await openTestPglite();
  seed = await seedDemo(store, { now: NOW });
});
afterAll(async () => {
  await store?.close();
});

describe("demo data", () => {
  it("seeds vendors, reviewed documents, a contract and tickets once", async () => {
    expect(seed).not.toBeNull();
    expect(seed?.documentIds).toHaveLength(DEMO_DOCUMENTS.length);
    const reviews = await store.db.selectFrom("reviews").select(["scenario"]).execute();
    expect(reviews.map((r) => r.scenario)).toEqual(DEMO_DOCUMENTS.map(() => "voice-cs"));
    const contract = await store.db
      .selectFrom("contracts")
      .select(["valid_from", "vendor_id", "terms_yaml"])
      .executeTakeFirstOrThrow();
    expect(contract.valid_from).toBe("2026-01-01");
    expect(contract.vendor_id).toBe(seed?.vendorIds[0]);
    expect(contract.terms_yaml).toContain("sla_policy:");
    expect(seed?.tickets).toBeGreaterThan(0);
    expect(await seedDemo(store, { now: NOW })).toBeNull();
  });

  it("the compared pair compares through the API", async () => {
    const app = await buildServer({ store, webRoot: null });
    try {
      const ws = seed?.workspaceId as string;
      const user = await createUser(store.db, {
        email: "demo@acme.test",
        name: "Demo",
        password: "correct horse battery",
      });
      await addMembership(store.db, ws, user.id, "viewer");
      const { token } = await issueApiToken(store.db, {
        workspaceId: ws,
        userId: user.id,
        name: "t",
        scopes: ["read"],
      });
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/workspaces/${ws}/compare`,
        headers: { authorization: `Bearer ${token}` },
        payload: { document_ids: seed?.comparedPair, scenario: "voice-cs" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().vendors.map((v: { name: string }) => v.name)).toEqual([
        "Kestrel Speech",
        "Lumen Voice",
      ]);
    } finally {
      await app.close();
    }
  });
});
