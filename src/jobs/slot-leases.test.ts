import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { SlotLeases } from "./slot-leases.js";

describe.each(storeBackends())("probe round leases on $name", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("a round is claimed by one server; a dead holder's open round is taken over once; done rounds never", async () => {
    const a = new SlotLeases({ db: store.db, region: "fra", serverId: "a" });
    const b = new SlotLeases({ db: store.db, region: "fra", serverId: "b" });
    const c = new SlotLeases({ db: store.db, region: "fra", serverId: "c" });
    await a.start();
    await b.start();
    const slot = new Date(Date.now() - 1000);
    const other = new Date(Date.now() - 2000);
    const won = await Promise.all([
      a.claim({ key: "p1", slot }, 1),
      b.claim({ key: "p1", slot }, 1),
      a.claim({ key: "p2", slot: other }, 60_000),
    ]);
    expect(won).toEqual([true, false, true]);
    // p1's lease (1 ms) has run out and it is not done: one of b, c takes it over
    await new Promise((r) => setTimeout(r, 20));
    const [tb, tc] = await Promise.all([b.takeOver(60_000), c.takeOver(60_000)]);
    expect([...tb, ...tc].map((x) => x.key)).toEqual(["p1"]);
    // p2 is done in the transaction that stores its result: never taken over, even once released
    await store.db.transaction().execute((trx) => a.markDone(trx, [{ key: "p2", slot: other }]));
    await a.releaseOpen();
    expect(await c.takeOver(60_000)).toEqual([]);
    // live servers split keys: each key has exactly one first choice
    await a.heartbeat();
    await b.heartbeat();
    expect(a.liveServers()).toEqual(["a", "b"]);
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    for (const k of keys) expect([a.isFirstChoice(k), b.isFirstChoice(k)].filter(Boolean).length).toBe(1);
    await a.stop();
    await b.stop();
    await c.stop();
  });
});
