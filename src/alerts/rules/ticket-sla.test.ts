import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { runAlertRound } from "../alert-round.js";
import { alertDb } from "../storage/tables.js";
import { ticketSlaRule } from "./ticket-sla.js";

const MIN = 60_000;
const T0 = Date.parse("2026-11-02T02:00:00Z");

// The rule compares late tickets with their open alerts in the store and hands the round only what
// changed; the round's outcome must be what comparing everything gave: each late ticket has one
// open alert at its level, and a ticket no longer late recovers, in every workspace.
describe.each(storeBackends())("ticket-sla rule on $name", ({ open }) => {
  let store: Store;
  const workspaces = [newId(), newId()];
  /** Ticket id → [workspace, minutes from T0 to its 75 % instant, minutes to its due instant]. */
  const tickets = new Map<string, [string, number, number]>();

  async function addTicket(ws: string, riskMin: number, dueMin: number): Promise<string> {
    const id = newId();
    tickets.set(id, [ws, riskMin, dueMin]);
    await store.db
      .insertInto("tickets")
      .values({
        id,
        workspace_id: ws,
        vendor_id: null,
        external_id: `X-${tickets.size}`,
        subject: `ticket ${tickets.size}`,
        severity: "P1",
        status: "open",
        policy: null,
        opened_at: new Date(T0 - 60 * MIN),
        last_event_at: new Date(T0 - 60 * MIN),
        event_count: 1,
        import_id: null,
        created_by: null,
        created_at: new Date(T0 - 60 * MIN),
        updated_at: new Date(T0 - 60 * MIN),
        sla_snapshot: null,
        sla_risk_at: new Date(T0 + riskMin * MIN),
        sla_breach_at: new Date(T0 + dueMin * MIN),
        sla_running: true,
        sla_version: null,
      })
      .execute();
    return id;
  }

  const round = (at: number) =>
    runAlertRound(store.db, { now: new Date(at), box: null, rules: [ticketSlaRule], deliver: false });
  /** Open alerts as ticket id → level. */
  const openAlerts = async () =>
    new Map(
      (
        await alertDb(store.db)
          .selectFrom("alerts")
          .select(["key", "level"])
          .where("rule", "=", "ticket-sla")
          .where("status", "=", "firing")
          .execute()
      ).map((a) => [a.key.replace(/^ticket-sla:/, ""), a.level]),
    );
  /** What comparing everything gives at `at`: every late ticket at its level. */
  const expected = async (at: number) => {
    const rows = await store.db
      .selectFrom("tickets")
      .select(["id", "sla_running", "sla_risk_at", "sla_breach_at"])
      .where("workspace_id", "in", workspaces)
      .execute();
    const out = new Map<string, number>();
    for (const t of rows) {
      if (!t.sla_running) continue;
      const risk = t.sla_risk_at ? new Date(t.sla_risk_at).getTime() : Number.POSITIVE_INFINITY;
      const due = t.sla_breach_at ? new Date(t.sla_breach_at).getTime() : Number.POSITIVE_INFINITY;
      if (due <= at) out.set(t.id, 2);
      else if (risk <= at) out.set(t.id, 1);
    }
    return out;
  };

  beforeAll(async () => {
    store = await open();
    for (const ws of workspaces)
      await store.db
        .insertInto("workspaces")
        .values({ id: ws, name: `ticket-sla ${ws}` })
        .execute();
    // Per workspace: late, breached, not yet late, late later, breached later.
    for (const ws of workspaces)
      for (const [r, d] of [
        [-10, 30],
        [-20, -5],
        [10, 40],
        [3, 8],
        [-2, 4],
      ])
        await addTicket(ws, r, d);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("raises, escalates, keeps and recovers as comparing every ticket with every alert would", async () => {
    const first = await round(T0);
    expect(await openAlerts()).toEqual(await expected(T0));
    expect(first.rules[0]).toMatchObject({ firing: 6, fired: 6, escalated: 0, resolved: 0, error: null });

    // Nothing changed: nothing raised, nothing recovered.
    const steady = await round(T0 + MIN);
    expect(steady.rules[0]).toMatchObject({ firing: 6, fired: 0, escalated: 0, resolved: 0 });

    // The late-later ones reach 75 %, the breached-later ones their due instant.
    const later = await round(T0 + 5 * MIN);
    expect(await openAlerts()).toEqual(await expected(T0 + 5 * MIN));
    expect(later.rules[0]).toMatchObject({ firing: 8, fired: 2, escalated: 2, resolved: 0 });

    // A ticket answered (its SLA no longer runs) recovers; one resolved by hand while still late
    // fires again; a deleted ticket's alert recovers too.
    const ids = (ws: string, riskMin: number) =>
      [...tickets].find(([, [w, r]]) => w === ws && r === riskMin)?.[0] ?? "";
    const answered = ids(workspaces[0], -10);
    const reopened = ids(workspaces[1], -10);
    const deleted = ids(workspaces[0], -20);
    await store.db.updateTable("tickets").set({ sla_running: false }).where("id", "=", answered).execute();
    await sql`update alerts set status = 'resolved', resolved_at = now() where key = ${`ticket-sla:${reopened}`}`.execute(
      store.db,
    );
    await store.db.deleteFrom("tickets").where("id", "=", deleted).execute();
    const after = await round(T0 + 6 * MIN);
    expect(await openAlerts()).toEqual(await expected(T0 + 6 * MIN));
    expect(after.rules[0]).toMatchObject({ firing: 6, fired: 1, escalated: 0, resolved: 2 });
    expect((await openAlerts()).has(answered)).toBe(false);
    expect((await openAlerts()).get(reopened)).toBe(1);
  });
});
