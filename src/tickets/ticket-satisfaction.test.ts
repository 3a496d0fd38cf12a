import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ctx, systemCtx } from "../context/index.js";
import { jsonb, type Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { rateTicket } from "./ticket-satisfaction.js";

const NOW = new Date("2026-11-02T08:00:00Z");

describe.each(storeBackends())("ticket satisfaction on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  beforeAll(async () => {
    store = await open();
    await store.db.insertInto("workspaces").values({ id: "w1", name: "Acme" }).execute();
    await store.db
      .insertInto("users")
      .values({ id: "u1", email: "v@x.example", name: "V", password_hash: "x" })
      .execute();
    for (const [id, status] of [
      ["t-solved", "solved"],
      ["t-open", "open"],
    ])
      await store.db
        .insertInto("tickets")
        .values({
          id,
          workspace_id: "w1",
          vendor_id: null,
          external_id: id,
          subject: id,
          severity: "P2",
          status,
          policy: jsonb(null),
          opened_at: NOW,
          last_event_at: NOW,
          event_count: 1,
          import_id: null,
          created_by: null,
        })
        .execute();
    ctx = systemCtx(store, "w1", NOW);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("records a score for a solved ticket, replaces it on a second rating, and audits both", async () => {
    expect(
      await rateTicket({ ctx, input: { ticket_id: "t-solved", score: 2, note: "bounced three times" } }),
    ).toMatchObject({
      ticket_id: "t-solved",
      score: 2,
      note: "bounced three times",
      rated_at: NOW.toISOString(),
    });
    await rateTicket({ ctx, input: { ticket_id: "t-solved", score: 4 } });
    const rows = await store.db.selectFrom("ticket_satisfaction").selectAll().execute();
    expect(rows.map((r) => [r.ticket_id, r.score, r.note])).toEqual([["t-solved", 4, ""]]);
    const audit = await store.db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("entity", "=", "ticket")
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: "rate", entity_id: "t-solved" });
  });

  it("refuses a score out of range, an unsolved ticket, an unknown one, and a viewer", async () => {
    await expect(rateTicket({ ctx, input: { ticket_id: "t-solved", score: 6 } })).rejects.toThrow(
      /^body\.score:/,
    );
    await expect(rateTicket({ ctx, input: { ticket_id: "t-open", score: 3 } })).rejects.toThrow(
      /is open: rate it once it is solved/,
    );
    await expect(rateTicket({ ctx, input: { ticket_id: "nope", score: 3 } })).rejects.toThrow(
      "ticket nope not found",
    );
    const viewer: Ctx = { ...ctx, caller: { userId: "u1", via: "session", scopes: null }, role: "viewer" };
    await expect(rateTicket({ ctx: viewer, input: { ticket_id: "t-solved", score: 3 } })).rejects.toThrow(
      /editor role/,
    );
  });
});
