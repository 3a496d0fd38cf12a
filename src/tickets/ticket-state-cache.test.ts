import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../context/index.js";
import { memberCtx } from "../context/testing.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { seedWorkspace } from "./__fixtures__/store-fixture.js";
import { addTicketEvent, createTicket, getTicket } from "./index.js";
import type { Db } from "./ticket-context.js";
import { cachedTicketState, rememberTicketState, type TicketState } from "./ticket-state-cache.js";

const NOW = new Date("2026-03-02T12:00:00Z");
const POLICY = {
  name: "cache test policy",
  severities: { P2: { first_response: { minutes: 240 }, resolution: { minutes: 2880 } } },
};

// An event write remembers the ticket as it left it, without reading back its policy or SLA snapshot
// (add-ticket-event.ts): what it remembers must be what the store holds.
describe.each(storeBackends())("a ticket remembered after an event write on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  let ticketId: string;
  let workspaceId: string;
  beforeAll(async () => {
    store = await open();
    const s = await seedWorkspace(store);
    workspaceId = s.workspaceId;
    ctx = memberCtx(store, s.workspaceId, s.userId, "editor", NOW);
    const t = await createTicket({
      ctx,
      input: {
        external_id: "S-1",
        subject: "remembered",
        severity: "P2",
        vendor_id: s.vendorId,
        opened_at: "2026-03-02T08:00:00Z",
        policy: POLICY,
      },
    });
    ticketId = t.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  const stored = async () =>
    store.db.selectFrom("tickets").selectAll().where("id", "=", ticketId).executeTakeFirstOrThrow();
  const remembered = () => cachedTicketState(store.db, workspaceId, ticketId);

  it("is the stored row, policy and SLA snapshot included, after the first and a remembered write", async () => {
    await addTicketEvent({
      ctx,
      input: { ticket_id: ticketId, event: { type: "agent_reply", at: "2026-03-02T09:00:00Z" } },
    });
    expect(remembered()?.row).toEqual(await stored());
    // This write starts from the remembered row (no read) and remembers the next one.
    const detail = await addTicketEvent({
      ctx,
      input: {
        ticket_id: ticketId,
        event: { type: "customer_reply", at: "2026-03-02T10:00:00Z", body: "still broken" },
      },
    });
    const row = await stored();
    expect(row.event_count).toBe(3);
    expect(remembered()?.row).toEqual(row);
    expect(remembered()?.row.policy).toEqual(POLICY);
    expect(row.sla_snapshot).not.toBeNull();
    expect(remembered()?.events.map((e) => e.type)).toEqual(["created", "agent_reply", "customer_reply"]);
    expect(detail).toEqual(await getTicket({ ctx, input: { id: ticketId } }));
  });

  it("answers with a column changed outside the verbs once the next event is written", async () => {
    await sql`update tickets set subject = 'renamed in SQL' where id = ${ticketId}`.execute(store.db);
    const detail = await addTicketEvent({
      ctx,
      input: { ticket_id: ticketId, event: { type: "agent_reply", at: "2026-03-02T10:30:00Z" } },
    });
    expect(detail.subject).toBe("renamed in SQL");
    expect(remembered()?.row).toEqual(await stored());
  });
});

// Remembered tickets live as long as the server and are replaced on every write: kept in the heap they
// were promoted to the old generation at each write (ticket-state-cache.ts). Their text is kept outside.
describe("remembered tickets and the heap", () => {
  it("keep each ticket's text outside the JavaScript heap", () => {
    setFlagsFromString("--expose-gc");
    const collect = runInNewContext("gc") as () => void;
    const db = {} as Db;
    const at = new Date("2026-03-02T09:00:00Z");
    const state = (i: number): TicketState =>
      ({
        row: {
          id: `ticket-${i}-4b1e-9a6f-3c2d5e7f8a90`,
          workspace_id: "ws-0000-4b1e-9a6f-3c2d5e7f8a90",
          vendor_id: "vendor-0000-4b1e-9a6f-3c2d5e7f",
          external_id: `H-${i}`,
          subject: `remembered ticket ${i}: the line drops after the third ring`,
          severity: "P2",
          status: "open",
          opened_at: at,
          last_event_at: at,
          event_count: 3,
          import_id: null,
          version: 4,
          created_by: "user-0000",
          created_at: at,
          updated_at: at,
          policy: POLICY,
          sla_snapshot: { metrics: { first_response: { state: "met", at: at.toISOString() } } },
          sla_breach_at: at,
          sla_risk_at: at,
          sla_running: true,
          sla_version: 1,
        },
        events: ["created", "agent_reply", "customer_reply"].map((type, k) => ({
          id: `event-${i}-${k}-9a6f-3c2d5e7f8a90`,
          seq: k + 1,
          type,
          at,
          severity: null,
          status: null,
          author: null,
          body: k === 2 ? "still broken after the restart" : null,
          source_key: null,
        })),
      }) as unknown as TicketState;
    const textBytes = Buffer.byteLength(JSON.stringify(state(0)));
    collect();
    collect();
    const before = process.memoryUsage();
    const count = 2000;
    for (let i = 0; i < count; i++) rememberTicketState(db, state(i));
    collect();
    collect();
    const after = process.memoryUsage();
    expect(
      cachedTicketState(db, "ws-0000-4b1e-9a6f-3c2d5e7f8a90", "ticket-1999-4b1e-9a6f-3c2d5e7f8a90")?.row
        .external_id,
    ).toBe("H-1999");
    // The texts are held (outside the heap)...
    expect((after.arrayBuffers - before.arrayBuffers) / count).toBeGreaterThanOrEqual(textBytes);
    // ...and the heap holds far less than one text per ticket (as strings: about 1.7 KB each).
    expect(textBytes).toBeGreaterThan(1000);
    expect((after.heapUsed - before.heapUsed) / count).toBeLessThan(700);
  });
});
