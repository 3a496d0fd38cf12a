import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProbeSample, storeSamples } from "../probes/index.js";
import { type Database, jsonb, newId, type Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { runAlertRound } from "./alert-round.js";
import { probeStatus } from "./probe-status.js";
import { fireNewAlerts, raiseAlert } from "./raise-alert.js";
import { type AlertRule, findingKey } from "./rules/rule.js";
import { alertDb } from "./storage/tables.js";

const MIN = 60_000;
const T0 = Date.parse("2026-11-02T02:00:00Z");

function sample(
  probeId: string,
  region: string,
  at: number,
  ok: boolean,
  extra: Partial<ProbeSample> = {},
): ProbeSample {
  return {
    probe_id: probeId,
    url: "https://vendor.example/health",
    kind: "http",
    region,
    at: new Date(at).toISOString(),
    ok,
    degraded: false,
    blocked: false,
    attempt: 1,
    status: ok ? 200 : null,
    error: ok ? null : "connection refused",
    timings_ms: {
      dns: 1,
      connect: ok ? 2 : null,
      tls: null,
      first_byte: ok ? 5 : null,
      first_token: null,
      total: 6,
    },
    metrics: {
      body_bytes: null,
      tokens: null,
      tokens_per_s: null,
      stream_errors: null,
      first_message_ms: null,
      cert_days_left: null,
      redirects: null,
    },
    ...extra,
  };
}

async function seedProbe(db: Kysely<Database>, ws: string, regions: string[]): Promise<string> {
  const id = newId();
  await db
    .insertInto("probes")
    .values({
      id,
      workspace_id: ws,
      vendor_id: null,
      name: "api",
      kind: "http",
      url: "https://vendor.example/health",
      interval_s: 60,
      jitter_s: 0,
      timeout_ms: 3000,
      retries: 0,
      regions: jsonb(regions),
      config: jsonb({}),
      enabled: true,
      created_by: null,
    })
    .execute();
  return id;
}

describe.each(storeBackends())("alert rounds and probe status on $name", ({ open }) => {
  let store: Store;
  let ws = "";
  const put = (samples: ProbeSample[]) =>
    storeSamples(store.db, {
      workspaceId: ws,
      agentId: null,
      batchId: null,
      receivedAt: new Date(T0),
      skewFlagged: false,
      samples,
    });
  const round = (at: number) => runAlertRound(store.db, { now: new Date(at), box: null });
  const openAlert = async (key: string) =>
    alertDb(store.db)
      .selectFrom("alerts")
      .select(["status", "level"])
      .where("workspace_id", "=", ws)
      .where("key", "=", key)
      .orderBy("opened_at", "desc")
      .executeTakeFirst();

  beforeAll(async () => {
    store = await open();
    ws = newId();
    await store.db.insertInto("workspaces").values({ id: ws, name: "Acme" }).execute();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("probe status: up/down/no data per region, the last error with its phase, a per-minute heartbeat", async () => {
    const id = await seedProbe(store.db, ws, ["a", "b", "c"]);
    await put([sample(id, "a", T0 + 5_000, true), sample(id, "b", T0 + 5_000, false)]);
    const st = await probeStatus(store.db, ws, id, new Date(T0 + 30_000), 5);
    expect(st.status).toBe("degraded");
    expect(st.regions).toEqual([
      expect.objectContaining({ region: "a", status: "up", last_error: null }),
      expect.objectContaining({
        region: "b",
        status: "down",
        last_error: "connection refused",
        last_error_phase: "connect",
      }),
      expect.objectContaining({ region: "c", status: "no_data" }),
    ]);
    expect(st.heartbeat.map((b) => b.status)).toEqual([
      "no_data",
      "no_data",
      "no_data",
      "no_data",
      "degraded",
    ]);
    const later = await probeStatus(store.db, ws, id, new Date(T0 + 30 * MIN), 5);
    expect(later.status).toBe("no_data");
  });

  it("all regions down escalates; a probe that stops reporting keeps its alert; data again recovers it", async () => {
    const id = await seedProbe(store.db, ws, ["a", "b", "c"]);
    const key = `probe:${id}`;
    const t = T0 + 60 * MIN;
    await put([sample(id, "a", t, false), sample(id, "b", t, false), sample(id, "c", t, true)]);
    await round(t + 30_000);
    expect(await openAlert(key)).toEqual({ status: "firing", level: 1 });
    await put(["a", "b", "c"].map((r) => sample(id, r, t + MIN, false)));
    await round(t + MIN + 30_000);
    expect(await openAlert(key)).toEqual({ status: "firing", level: 2 });
    await round(t + 20 * MIN); // no data for 18 minutes: unknown, not recovered
    expect(await openAlert(key)).toEqual({ status: "firing", level: 2 });
    await put(["a", "b", "c"].map((r) => sample(id, r, t + 21 * MIN, true)));
    await round(t + 21 * MIN + 30_000);
    expect((await openAlert(key))?.status).toBe("resolved");
  });

  it("TLS certificate expiring alerts from the latest sample", async () => {
    const id = await seedProbe(store.db, ws, ["a"]);
    const t = T0 + 120 * MIN;
    const s = sample(id, "a", t, true);
    await put([{ ...s, metrics: { ...s.metrics, cert_days_left: 10.5 } }]);
    await round(t + 30_000);
    expect(await openAlert(`tls:${id}`)).toEqual({ status: "firing", level: 1 });
  });

  it("raiseAlert names a bad event field; a resolution of a key that is not firing sends nothing", async () => {
    await expect(
      raiseAlert(
        store.db,
        ws,
        {
          key: "x",
          rule: "Bad Rule",
          status: "firing",
          severity: "page",
          subject: "x",
          message: { en: { title: "t", text: "" }, zh: { title: "t", text: "" } },
        },
        { now: new Date(T0) },
      ),
    ).rejects.toMatchObject({ code: "INPUT", source: "alert.rule" });
    const r = await raiseAlert(
      store.db,
      ws,
      {
        key: "never",
        rule: "terms-change",
        status: "resolved",
        severity: "ticket",
        subject: "x",
        message: { en: { title: "t", text: "" }, zh: { title: "t", text: "" } },
      },
      { now: new Date(T0) },
    );
    expect(r).toEqual({ alert_id: null, notified: null, deliveries: 0 });
  });

  it("fires hundreds of new findings in batches, once each, and leaves a key another server fired", async () => {
    const finding = (i: number) => ({
      workspace_id: ws,
      key: `many:${i}`,
      rule: "many-test",
      status: "firing" as const,
      severity: "ticket" as const,
      subject: `subject ${i}`,
      message: () => ({ en: { title: `t${i}`, text: "" }, zh: { title: `t${i}`, text: "" } }),
    });
    const many: AlertRule = {
      name: "many-test",
      evaluate: async () => ({
        firing: Array.from({ length: 450 }, (_, i) => finding(i)),
        unknown: new Set(),
      }),
    };
    const first = await runAlertRound(store.db, {
      now: new Date(T0),
      box: null,
      rules: [many],
      deliver: false,
    });
    expect(first.rules[0]).toMatchObject({ firing: 450, fired: 450, error: null });
    const again = await runAlertRound(store.db, {
      now: new Date(T0 + MIN),
      box: null,
      rules: [many],
      deliver: false,
    });
    expect(again.rules[0]).toMatchObject({ firing: 450, fired: 0, escalated: 0, resolved: 0 });
    const firing = await alertDb(store.db)
      .selectFrom("alerts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("rule", "=", "many-test")
      .where("status", "=", "firing")
      .executeTakeFirst();
    expect(Number(firing?.n)).toBe(450);

    // With a channel: each new alert queues its delivery; a key already firing is left alone.
    await sql`insert into alert_channels (id, workspace_id, name, kind, target, sealed, key_id)
      values (${newId()}, ${ws}, 'hook', 'webhook', 'https://hook.example', 'x', 'k')`.execute(store.db);
    const { message: _m, workspace_id: _w, ...plain } = finding(0);
    const wording = { en: { title: "t", text: "" }, zh: { title: "t", text: "" } };
    const r = await fireNewAlerts(
      store.db,
      ws,
      [
        { ...plain, message: wording },
        { ...plain, key: "many:new", message: wording },
      ],
      { now: new Date(T0 + 2 * MIN) },
    );
    expect(r).toEqual({ fired: 1, deliveries: 1 });
  });
  it("recovers hundreds of open alerts in batches: one recovery each, none for expired, none twice", async () => {
    const finding = (i: number) => ({
      workspace_id: ws,
      key: `gone:${i}`,
      rule: "gone-test",
      status: "firing" as const,
      severity: "ticket" as const,
      subject: `subject ${i}`,
      message: { en: { title: `t${i}`, text: "" }, zh: { title: `t${i}`, text: "" } },
    });
    let present = 450;
    const expired = new Set<string>();
    const rule: AlertRule = {
      name: "gone-test",
      evaluate: async () => ({
        firing: Array.from({ length: present }, (_, i) => finding(i)),
        unknown: new Set(),
        expired,
      }),
    };
    const round = (minute: number) =>
      runAlertRound(store.db, { now: new Date(T0 + minute * MIN), box: null, rules: [rule], deliver: false });
    expect((await round(10)).rules[0]).toMatchObject({ fired: 450, error: null });
    // a webhook channel in this workspace (the earlier test may have made one already)
    await sql`insert into alert_channels (id, workspace_id, name, kind, target, sealed, key_id)
      values (${newId()}, ${ws}, 'hook-2', 'webhook', 'https://hook2.example', 'x', 'k')`.execute(store.db);
    const channels = Number(
      (
        await sql<{ n: string }>`select count(*) as n from alert_channels where workspace_id = ${ws}`.execute(
          store.db,
        )
      ).rows[0].n,
    );
    // a user resolves one meanwhile; 50 conditions expire (no recovery message); 400 recover
    await alertDb(store.db)
      .updateTable("alerts")
      .set({ status: "resolved", resolved_at: new Date(T0) })
      .where("key", "=", "gone:0")
      .execute();
    for (let i = 1; i <= 50; i++) expired.add(findingKey(ws, `gone:${i}`));
    present = 0;
    const before = Number(
      (await sql<{ n: string }>`select count(*) as n from alert_deliveries`.execute(store.db)).rows[0].n,
    );
    const r = await round(11);
    expect(r.rules[0]).toMatchObject({ firing: 0, resolved: 399, expired: 50, error: null });
    const queued = await sql<{ alert_id: string; event: string; n: string }>`
      select d.alert_id, d.event, count(*) as n from alert_deliveries d
      join alerts a on a.id = d.alert_id where a.rule = 'gone-test' and d.event <> 'firing'
      group by d.alert_id, d.event`.execute(store.db);
    expect(queued.rows.every((q) => q.event === "resolved" && Number(q.n) === channels)).toBe(true);
    expect(queued.rows.length).toBe(399);
    const after = Number(
      (await sql<{ n: string }>`select count(*) as n from alert_deliveries`.execute(store.db)).rows[0].n,
    );
    expect(after - before).toBe(399 * channels);
    const still = await alertDb(store.db)
      .selectFrom("alerts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("rule", "=", "gone-test")
      .where("status", "=", "firing")
      .executeTakeFirst();
    expect(Number(still?.n)).toBe(0);
    // nothing left to recover: the next round sends nothing
    expect((await round(12)).rules[0]).toMatchObject({ resolved: 0, expired: 0 });
  });
});
