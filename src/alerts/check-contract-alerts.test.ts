import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSamples, seedContract } from "../availability/storage/test-fixtures.js";
import { parseAllowlist } from "../probes/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { checkContractAlerts } from "./check-contract-alerts.js";

const received: { status: string; title: string }[] = [];
let server: Server;
let hook = "";
let failing = false;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      if (failing) {
        res.statusCode = 500;
        return res.end();
      }
      const m = JSON.parse(body);
      received.push({ status: m.status, title: m.title });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const T0 = Date.parse("2026-10-12T12:00:00Z");
const MIN = 60_000;

describe.each(storeBackends())("checkContractAlerts on $name", ({ open }) => {
  let store: Store;
  let ids: Awaited<ReturnType<typeof seedContract>>;
  beforeAll(async () => {
    store = await open();
    ids = await seedContract(store.db, { availability: { target_percent: 99.9, evidence: [] } });
    received.length = 0;
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  const check = (minutesAfter: number) =>
    checkContractAlerts(store.db, {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      channels: [{ channel: "webhook", config: { url: hook } }],
      now: new Date(T0 + minutesAfter * MIN),
      send: { allow: parseAllowlist(["127.0.0.1"]) },
    });

  it("a failed delivery keeps the state so the next check retries", async () => {
    // An hour of probes every 30 s, one in ten failing (10% errors: 100× the 0.1% budget).
    await insertSamples(
      store.db,
      ids,
      Array.from({ length: 120 }, (_, i) => ({ at: new Date(T0 - 60 * MIN + i * 30_000), ok: i % 10 !== 0 })),
    );
    failing = true;
    const r = await check(0);
    failing = false;
    expect(r.notify).toBe("firing");
    expect(r.results[0].ok).toBe(false);
  });

  it("fires once, stays quiet while it lasts, and sends one recovery", async () => {
    const first = await check(0);
    expect(first.notify).toBe("firing");
    expect(first.evaluation?.firing?.rule.name).toBe("fast");
    const again = await check(1);
    expect(again.notify).toBeNull();
    // Six hours later nothing failed in any short window: recovered.
    const later = await check(6 * 60 + 5);
    expect(later.notify).toBe("resolved");
    expect((await check(6 * 60 + 6)).notify).toBeNull();
    expect(received.map((m) => m.status)).toEqual(["firing", "resolved"]);
    expect(received[0].title).toBe("Vendor RTC: availability error budget burning fast");
  });

  it("holds a night-time ticket for business hours; if it heals by then it is never sent", async () => {
    const night = Date.parse("2026-10-13T22:00:00Z");
    const other = await seedContract(store.db, { availability: { target_percent: 99.9, evidence: [] } });
    // Six hours of probes every 30 s with 0.2% failing: the 3-day drift rule (a ticket) fires, the pages do not.
    await insertSamples(
      store.db,
      other,
      Array.from({ length: 720 }, (_, i) => ({
        at: new Date(night - 6 * 60 * MIN + i * 30_000),
        ok: i % 500 !== 7,
      })),
    );
    const quiet = {
      hold: ["ticket" as const],
      calendar: {
        isOpen: (at: Date) => at.getUTCHours() >= 9 && at.getUTCHours() < 18,
        nextOpen: (at: Date) =>
          new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1, 9)),
      },
    };
    const before = received.length;
    const run = (at: number) =>
      checkContractAlerts(store.db, {
        workspaceId: other.workspaceId,
        contractId: other.contractId,
        channels: [{ channel: "webhook", config: { url: hook } }],
        now: new Date(at),
        quiet,
        send: { allow: parseAllowlist(["127.0.0.1"]) },
      });
    const held = await run(night);
    expect(held.evaluation?.firing?.rule.name).toBe("drift");
    expect(held.held_until).toBe("2026-10-14T09:00:00.000Z");
    const morning = await run(Date.parse("2026-10-14T09:01:00Z"));
    expect(morning.evaluation?.firing).toBeNull();
    expect(morning.notify).toBeNull();
    expect(received.length).toBe(before);
  });

  it("skips a contract without an availability target", async () => {
    const other = await seedContract(store.db, { availability: null });
    const r = await checkContractAlerts(store.db, {
      workspaceId: other.workspaceId,
      contractId: other.contractId,
      channels: [],
      now: new Date(T0),
    });
    expect(r.skipped).toMatch(/no availability target/);
  });
});
