import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockDataVersion } from "../clock/index.js";
import type { Ctx } from "../context/index.js";
import { memberCtx } from "../context/testing.js";
import { ConflictError, InputError, NotFoundError } from "../errors/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { insertContract, seedWorkspace } from "./__fixtures__/store-fixture.js";
import {
  addTicketEvent,
  createTicket,
  getTicket,
  invalidateVendorTicketSla,
  listTickets,
  refreshTicketSla,
  seedDemoTickets,
  updateTicket,
} from "./index.js";

const NOW = new Date("2026-03-02T12:00:00Z");
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000).toISOString();

async function expectInput(p: Promise<unknown>, source: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).source).toMatch(source);
}

describe.each(storeBackends())("tickets on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  let vendorId: string;
  beforeAll(async () => {
    store = await open();
    const s = await seedWorkspace(store);
    vendorId = s.vendorId;
    ctx = memberCtx(store, s.workspaceId, s.userId, "editor", NOW);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("creates a ticket under the vendor contract's policy, audited", async () => {
    const t = await createTicket({
      ctx,
      input: { vendor_id: vendorId, external_id: "X-1", subject: "down", severity: "P1", opened_at: ago(50) },
    });
    expect(t).toMatchObject({ policy_source: "contract", status: "open", version: 1, event_count: 1 });
    expect(t.sla?.state).toBe("at_risk");
    expect(Date.parse(t.sla?.due ?? "")).toBe(Date.parse(ago(-10)));
    expect(t.timeline?.metrics.first_response?.state).toBe("running");
    const audit = await store.db.selectFrom("audit_log").selectAll().where("entity_id", "=", t.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await store.db
      .selectFrom("tickets")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    await expectInput(
      createTicket({ ctx, input: { vendor_id: vendorId, severity: "P9" } }),
      /body\.severity/,
    );
    await expectInput(createTicket({ ctx, input: { severity: "P1", opened_at: "yesterday" } }), /body/);
    await expectInput(
      createTicket({ ctx, input: { severity: "P1", opened_at: ago(-60) } }),
      /body\.opened_at/,
    );
    await expectInput(
      createTicket({ ctx, input: { severity: "P1", policy: { severities: {} } } }),
      /body\.policy/,
    );
    await expectInput(createTicket({ ctx, input: { severity: "P1", vendor_id: "nope" } }), /body\.vendor_id/);
    await expectInput(createTicket({ ctx, input: { subject: "x" } }), /body\.severity/);
    const after = await store.db
      .selectFrom("tickets")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await expect(createTicket({ ctx, input: { external_id: "X-1", severity: "P1" } })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("appends events with checks and optimistic concurrency", async () => {
    const t = await createTicket({
      ctx,
      input: { vendor_id: vendorId, subject: "slow", severity: "P2", opened_at: ago(120) },
    });
    await expectInput(
      addTicketEvent({ ctx, input: { ticket_id: t.id, event: { type: "agent_reply", at: ago(200) } } }),
      /body\.event\.at/,
    );
    await expectInput(
      addTicketEvent({ ctx, input: { ticket_id: t.id, event: { type: "poke", at: ago(10) } } }),
      /body\.event\.type/,
    );
    await expectInput(
      addTicketEvent({
        ctx,
        input: { ticket_id: t.id, event: { type: "severity_changed", at: ago(10), severity: "P7" } },
      }),
      /body\.event\.severity/,
    );
    const replied = await addTicketEvent({
      ctx,
      input: {
        ticket_id: t.id,
        version: 1,
        event: { type: "agent_reply", at: ago(60), author: "eng@vendor-a.test" },
      },
    });
    expect(replied.version).toBe(2);
    expect(replied.timeline?.metrics.first_response?.state).toBe("met");
    await expect(
      addTicketEvent({ ctx, input: { ticket_id: t.id, version: 1, event: { type: "solved", at: ago(5) } } }),
    ).rejects.toBeInstanceOf(ConflictError);
    const solved = await addTicketEvent({
      ctx,
      input: { ticket_id: t.id, version: 2, event: { type: "solved", at: ago(5) } },
    });
    expect(solved).toMatchObject({ status: "solved", event_count: 3, version: 3 });
    const detail = await getTicket({ ctx, input: { id: t.id } });
    expect(detail.events.map((e) => [e.seq, e.type])).toEqual([
      [1, "created"],
      [2, "agent_reply"],
      [3, "solved"],
    ]);
    const renamed = await updateTicket({
      ctx,
      input: { ticket_id: t.id, version: 3, subject: "slow (fixed)" },
    });
    expect(renamed).toMatchObject({ subject: "slow (fixed)", version: 4 });
    await expect(
      updateTicket({ ctx, input: { ticket_id: t.id, version: 3, subject: "again" } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("appends after another writer changed the ticket behind this process's back (its last write is only a guess)", async () => {
    const t = await createTicket({
      ctx,
      input: { vendor_id: vendorId, severity: "P2", opened_at: ago(120) },
    });
    const first = await addTicketEvent({
      ctx,
      input: { ticket_id: t.id, event: { type: "agent_reply", at: ago(100) } },
    });
    expect(first.version).toBe(2);
    // Another process (or an import) adds an event and bumps the version, as every writer does.
    await sql`insert into ticket_events (id, workspace_id, ticket_id, seq, type, at)
      values (${`${t.id}-x`}, ${ctx.workspaceId}, ${t.id}, 3, 'customer_reply', ${ago(90)})`.execute(
      store.db,
    );
    await sql`update tickets set event_count = 3, version = 3, last_event_at = ${ago(90)} where id = ${t.id}`.execute(
      store.db,
    );
    // Naming the version this process wrote last is a conflict, not a silent overwrite.
    await expect(
      addTicketEvent({
        ctx,
        input: { ticket_id: t.id, version: 2, event: { type: "agent_reply", at: ago(80) } },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const next = await addTicketEvent({
      ctx,
      input: { ticket_id: t.id, event: { type: "agent_reply", at: ago(80) } },
    });
    expect(next).toMatchObject({ version: 4, event_count: 4 });
    const detail = await getTicket({ ctx, input: { id: t.id } });
    expect(detail.events.map((e) => [e.seq, e.type])).toEqual([
      [1, "created"],
      [2, "agent_reply"],
      [3, "customer_reply"],
      [4, "agent_reply"],
    ]);
    // Another workspace cannot reach the ticket through what this process remembers of it.
    const other = await seedWorkspace(store, { contract: false });
    await expect(
      addTicketEvent({
        ctx: { ...ctx, workspaceId: other.workspaceId },
        input: { ticket_id: t.id, event: { type: "solved", at: ago(1) } },
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // A deleted ticket is not brought back by it either.
    await sql`delete from tickets where id = ${t.id}`.execute(store.db);
    await expect(
      addTicketEvent({ ctx, input: { ticket_id: t.id, event: { type: "solved", at: ago(1) } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("uses a policy stored on the ticket over the contract's", async () => {
    const t = await createTicket({
      ctx,
      input: {
        vendor_id: vendorId,
        severity: "S1",
        opened_at: ago(30),
        policy: { severities: { S1: { first_response: { minutes: 20 } } } },
      },
    });
    expect(t).toMatchObject({ policy_source: "ticket", has_policy: true });
    expect(t.sla?.state).toBe("breached");
  });

  it("hides other workspaces' tickets", async () => {
    const other = await seedWorkspace(store, { contract: false });
    const t = await createTicket({ ctx, input: { severity: "P1", opened_at: ago(1) } });
    const otherCtx = { ...ctx, workspaceId: other.workspaceId };
    await expect(getTicket({ ctx: otherCtx, input: { id: t.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addTicketEvent({ ctx: otherCtx, input: { ticket_id: t.id, event: { type: "solved", at: ago(0) } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await listTickets({ ctx: otherCtx, input: {} })).items).toEqual([]);
  });

  it("seeds demo tickets in different SLA states and lists them by state, paginated", async () => {
    const other = await seedWorkspace(store, { contract: false });
    const demoCtx = { ...ctx, workspaceId: other.workspaceId };
    expect(await seedDemoTickets(store, other.workspaceId, NOW)).toBe(5);
    expect(await seedDemoTickets(store, other.workspaceId, NOW)).toBe(0);
    const all = await listTickets({ ctx: demoCtx, input: { limit: 500 } });
    const states = Object.fromEntries(all.items.map((t) => [t.external_id, t.sla?.state]));
    expect(states).toEqual({
      "DEMO-1": "running",
      "DEMO-2": "at_risk",
      "DEMO-3": "breached",
      "DEMO-4": "paused",
      "DEMO-5": "met",
    });
    for (const sla of ["breached", "at_risk", "running"] as const) {
      const page = await listTickets({ ctx: demoCtx, input: { sla } });
      expect(page.items.map((t) => t.sla?.state)).toEqual([sla]);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTickets({ ctx: demoCtx, input: { limit: 2, ...(cursor ? { cursor } : {}) } });
      seen.push(...page.items.map((t) => t.external_id ?? ""));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(["DEMO-1", "DEMO-2", "DEMO-3", "DEMO-4", "DEMO-5"]);
    await expectInput(listTickets({ ctx: demoCtx, input: { cursor: "zzz" } }), /query\.cursor/);
    await expectInput(listTickets({ ctx: demoCtx, input: { sla: "late" } }), /query\.sla/);
  });

  it("filters ?sla= in SQL on the stored state, the same as a replay at every instant, stale rows included", async () => {
    const ws = await seedWorkspace(store, { contract: false });
    const wctx = { ...ctx, workspaceId: ws.workspaceId };
    const policy = {
      severities: {
        P1: { first_response: { minutes: 30 }, next_response: { minutes: 60 }, resolution: { minutes: 240 } },
        P2: { first_response: { minutes: 120 }, resolution: { minutes: 1440 } },
      },
    };
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const opened = 5 + i * 17;
      const events: unknown[] = [];
      if (i % 4 === 1) events.push({ type: "agent_reply", at: ago(opened - 3) });
      if (i % 4 === 2) events.push({ type: "status", at: ago(opened - 2), status: "pending" });
      if (i % 8 === 3) events.push({ type: "solved", at: ago(opened - 4) });
      if (i % 8 === 7)
        events.push({ type: "agent_reply", at: ago(opened - 1) }, { type: "customer_reply", at: ago(1) });
      const t = await createTicket({
        ctx: wctx,
        input: { severity: i % 3 ? "P1" : "P2", opened_at: ago(opened), policy, events },
      });
      ids.push(t.id);
    }
    // Half the rows stale (never computed / invalidated, with misleading stored instants), so
    // the SQL predicate must hand them to the replay.
    await store.db
      .updateTable("tickets")
      .set({ sla_version: null, sla_breach_at: null, sla_risk_at: null, sla_running: false })
      .where(
        "id",
        "in",
        ids.filter((_, i) => i % 2 === 0),
      )
      .execute();
    for (const minutes of [0, 20, 45, 200, 3000]) {
      const now = new Date(NOW.getTime() + minutes * 60_000);
      const at = { ...wctx, now };
      const expected: Record<string, string[]> = { breached: [], at_risk: [], running: [] };
      for (const id of ids) {
        const state = (await getTicket({ ctx: at, input: { id } })).sla?.state ?? "none";
        expected[state]?.push(id);
      }
      for (const sla of ["breached", "at_risk", "running"] as const) {
        const got: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listTickets({
            ctx: at,
            input: { sla, limit: 3, ...(cursor ? { cursor } : {}) },
          });
          expect(page.items.every((t) => t.sla?.state === sla)).toBe(true);
          got.push(...page.items.map((t) => t.id));
          cursor = page.next_cursor ?? undefined;
        } while (cursor);
        expect({ minutes, sla, ids: got.sort() }).toEqual({
          minutes,
          sla,
          ids: [...(expected[sla] ?? [])].sort(),
        });
      }
    }
    const stored = await store.db
      .selectFrom("tickets")
      .select("sla_version")
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    expect(stored.every((r) => r.sla_version === clockDataVersion())).toBe(true); // written back by the lists
  });

  it("recomputes a vendor's tickets when a contract gives them a policy", async () => {
    const ws = await seedWorkspace(store, { contract: false });
    const wctx = { ...ctx, workspaceId: ws.workspaceId };
    const t = await createTicket({
      ctx: wctx,
      input: { vendor_id: ws.vendorId, severity: "P1", opened_at: ago(90) },
    });
    expect(t.sla).toBeNull();
    expect((await listTickets({ ctx: wctx, input: { sla: "breached" } })).items).toEqual([]);
    await insertContract(store, { id: `c-new-${ws.workspaceId}`, ...ws });
    await invalidateVendorTicketSla(store.db, ws.workspaceId, ws.vendorId);
    const breached = await listTickets({ ctx: wctx, input: { sla: "breached" } });
    expect(breached.items.map((x) => [x.id, x.policy_source])).toEqual([[t.id, "contract"]]);
    expect(await refreshTicketSla(store.db, { workspaceId: ws.workspaceId })).toBe(0); // nothing stale left
  });

  it("adds events from racing writers without losing one; a stale version is a 409", async () => {
    const t = await createTicket({ ctx, input: { severity: "P1", opened_at: ago(100) } });
    const at = (i: number) => ago(90 - i);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        addTicketEvent({ ctx, input: { ticket_id: t.id, event: { type: "customer_reply", at: at(i) } } }),
      ),
    );
    // Out-of-order stamps are refused (events must be in time order); every other writer lands.
    const landed = results.filter((r) => r.status === "fulfilled").length;
    const detail = await getTicket({ ctx, input: { id: t.id } });
    expect(detail.event_count).toBe(1 + landed);
    expect(detail.events.map((e) => e.seq)).toEqual(Array.from({ length: 1 + landed }, (_, i) => i + 1));
    expect(detail.version).toBe(1 + landed);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(InputError);
    const audits = await store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", t.id)
      .execute();
    expect(audits.filter((a) => a.action === "add_event")).toHaveLength(landed);
    await expect(
      addTicketEvent({
        ctx,
        input: { ticket_id: t.id, version: 1, event: { type: "agent_reply", at: ago(0) } },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
