import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../context/index.js";
import { memberCtx } from "../context/testing.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { seedWorkspace } from "./__fixtures__/store-fixture.js";
import { createTicket, listTickets } from "./index.js";

const NOW = new Date("2026-03-02T12:00:00Z");

// The list keeps decoded rows by their stored version (xmin, ctid): these are the writes that do not
// go through a ticket verb, which the cache must still notice.
describe.each(storeBackends())("tickets list rows remembered by version on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  let vendorId: string;
  let ticketId: string;
  beforeAll(async () => {
    store = await open();
    const s = await seedWorkspace(store);
    vendorId = s.vendorId;
    ctx = memberCtx(store, s.workspaceId, s.userId, "editor", NOW);
    const t = await createTicket({
      ctx,
      input: {
        external_id: "C-1",
        subject: "first",
        severity: "P2",
        vendor_id: vendorId,
        opened_at: "2026-03-02T10:00:00Z",
      },
    });
    ticketId = t.id;
    await createTicket({
      ctx,
      input: { external_id: "C-2", subject: "second", severity: "P3", opened_at: "2026-03-02T10:05:00Z" },
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  const first = async (c: Ctx = ctx) =>
    (await listTickets({ ctx: c, input: {} })).items.find((t) => t.id === ticketId);

  it("answers an unchanged ticket with the same view, frozen", async () => {
    const a = await first();
    const b = await first();
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => {
      (a as { subject: string }).subject = "changed";
    }).toThrow();
  });

  it("sees a change written outside the ticket verbs (plain SQL, by any process)", async () => {
    await sql`update tickets set subject = 'edited in SQL' where id = ${ticketId}`.execute(store.db);
    expect((await first())?.subject).toBe("edited in SQL");
  });

  it("sees a vendor's deletion cascade to its tickets", async () => {
    expect((await first())?.vendor_id).toBe(vendorId);
    await store.db.deleteFrom("vendors").where("id", "=", vendorId).execute();
    expect((await first())?.vendor_id).toBeNull();
  });

  it("moves the live SLA state on with the clock for the same row version", async () => {
    const before = await first();
    expect(before?.sla?.state).toBe("running");
    const later = memberCtx(
      store,
      ctx.workspaceId as string,
      "u",
      "viewer",
      new Date("2026-03-20T12:00:00Z"),
    );
    const after = await first({ ...later, caller: ctx.caller });
    expect(after?.sla?.state).toBe("breached");
    expect((await first())?.sla?.state).toBe("running");
  });

  it("does not keep rows read inside a transaction for reads outside it", async () => {
    await store.db
      .transaction()
      .execute(async (trx) => {
        await sql`update tickets set subject = 'uncommitted' where id = ${ticketId}`.execute(trx);
        const inside = (await listTickets({ ctx: { ...ctx, db: trx }, input: {} })).items.find(
          (t) => t.id === ticketId,
        );
        expect(inside?.subject).toBe("uncommitted");
        throw new Error("roll back");
      })
      .catch((err: Error) => {
        if (err.message !== "roll back") throw err;
      });
    expect((await first())?.subject).toBe("edited in SQL");
  });
});
