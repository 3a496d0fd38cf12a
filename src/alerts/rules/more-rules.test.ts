import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProbeSample, storeSamples } from "../../probes/index.js";
import { jsonb, newId, type Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { runAlertRound } from "../alert-round.js";
import { alertDb } from "../storage/tables.js";
import { createBurnRateRule } from "./burn-rate-rule.js";
import { contractDeadlinesRule } from "./contract-deadlines.js";
import { latencyRule } from "./latency-breach.js";
import { maintenanceRule } from "./maintenance.js";
import { insideWindow, parseCommittedWindow } from "./maintenance-window.js";
import type { AlertRule } from "./rule.js";

const MIN = 60_000;
const T0 = Date.parse("2026-11-02T02:00:00Z");
const cnCalendar = {
  timezone: "Asia/Shanghai",
  region: "CN",
  hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00-18:00"]])),
};

function sample(probeId: string, region: string, at: number, ok: boolean, connect = 20): ProbeSample {
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
      connect: ok ? connect : null,
      tls: null,
      first_byte: ok ? connect + 5 : null,
      first_token: null,
      total: connect + 10,
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
  };
}

describe("committed maintenance window phrases", () => {
  it("reads days, times and zones; judges a window against them", () => {
    const tue = parseCommittedWindow("每周二凌晨 02:00-06:00", "Asia/Shanghai");
    expect(tue).toEqual({ days: [2], start: 120, end: 360, timezone: "Asia/Shanghai" });
    const sun = parseCommittedWindow("Sundays 2 AM - 4 AM UTC", "Asia/Shanghai");
    expect(sun).toEqual({ days: [7], start: 120, end: 240, timezone: "UTC" });
    const night = parseCommittedWindow("北京时间每天晚上 22:00 至次日 06:00", "UTC");
    expect(night).toEqual({ days: null, start: 1320, end: 360, timezone: "Asia/Shanghai" });
    expect(parseCommittedWindow("off-peak hours", "UTC")).toBeNull();
    // 2026-11-03 is a Tuesday; 02:30–05:00 Beijing = 18:30–21:00 UTC the day before
    const tueOk = [new Date("2026-11-02T18:30:00Z"), new Date("2026-11-02T21:00:00Z")] as const;
    expect(insideWindow(tue as NonNullable<typeof tue>, ...tueOk)).toBe(true);
    // the same hours on Wednesday, and Tuesday running past 06:00
    expect(
      insideWindow(
        tue as NonNullable<typeof tue>,
        new Date("2026-11-03T18:30:00Z"),
        new Date("2026-11-03T21:00:00Z"),
      ),
    ).toBe(false);
    expect(
      insideWindow(
        tue as NonNullable<typeof tue>,
        new Date("2026-11-02T18:30:00Z"),
        new Date("2026-11-02T23:00:00Z"),
      ),
    ).toBe(false);
    // past midnight: 23:00–01:00 Beijing inside 22:00–06:00
    expect(
      insideWindow(
        night as NonNullable<typeof night>,
        new Date("2026-11-02T15:00:00Z"),
        new Date("2026-11-02T17:00:00Z"),
      ),
    ).toBe(true);
    expect(
      insideWindow(
        night as NonNullable<typeof night>,
        new Date("2026-11-02T04:00:00Z"),
        new Date("2026-11-02T05:00:00Z"),
      ),
    ).toBe(false);
  });
});

describe.each(storeBackends())("more alert rules on $name", ({ open }) => {
  let store: Store;
  let ws = "";
  const round = (at: number, rules: AlertRule[]) =>
    runAlertRound(store.db, { now: new Date(at), box: null, rules });
  const alertsOf = (rule: string) =>
    alertDb(store.db)
      .selectFrom("alerts")
      .select(["key", "status", "level", "severity", "facts", "subject"])
      .where("workspace_id", "=", ws)
      .where("rule", "=", rule)
      .orderBy("opened_at")
      .execute();
  const put = (samples: ProbeSample[]) =>
    storeSamples(store.db, {
      workspaceId: ws,
      agentId: null,
      batchId: null,
      receivedAt: new Date(T0),
      skewFlagged: false,
      samples,
    });
  const vendor = async () => {
    const id = newId();
    await store.db
      .insertInto("vendors")
      .values({ id, workspace_id: ws, name: `Vendor ${id.slice(0, 4)}` })
      .execute();
    return id;
  };
  const probe = async (vendorId: string) => {
    const id = newId();
    await store.db
      .insertInto("probes")
      .values({
        id,
        workspace_id: ws,
        vendor_id: vendorId,
        name: `probe ${id.slice(0, 4)}`,
        kind: "http",
        url: "https://vendor.example/health",
        interval_s: 60,
        jitter_s: 0,
        timeout_ms: 3000,
        retries: 0,
        regions: jsonb(["sg"]),
        config: jsonb({}),
        enabled: true,
        created_by: null,
      })
      .execute();
    return id;
  };
  const contract = async (
    vendorId: string,
    terms: Record<string, unknown>,
    more: { valid_to?: string | null; settings?: { probe_ids: string[] | null; calendar?: unknown } } = {},
  ) => {
    const id = newId();
    await store.db
      .insertInto("contracts")
      .values({
        id,
        workspace_id: ws,
        vendor_id: vendorId,
        name: `Contract ${id.slice(0, 4)}`,
        terms_yaml: "schema: termsight.terms/v1",
        terms: jsonb({ schema: "termsight.terms/v1", ...terms }),
        valid_from: null,
        valid_to: more.valid_to ?? null,
        created_by: null,
      })
      .execute();
    if (more.settings)
      await store.db
        .insertInto("availability_settings")
        .values({
          contract_id: id,
          workspace_id: ws,
          formula: "generic-time",
          timezone: "Asia/Shanghai",
          calendar: jsonb(more.settings.calendar ?? null),
          probe_ids: jsonb(more.settings.probe_ids),
          monthly_fee: null,
          currency: null,
          updated_at: new Date(T0),
        })
        .execute();
    return id;
  };

  beforeAll(async () => {
    store = await open();
    ws = newId();
    await store.db.insertInto("workspaces").values({ id: ws, name: "Acme" }).execute();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("burn rate measures a contract on its availability settings' probe_ids, not every vendor probe", async () => {
    const v = await vendor();
    const down = await probe(v);
    const up = await probe(v);
    const availability = { commitments: { availability: { target_percent: 99.9 } } };
    const onlyUp = await contract(v, availability, { settings: { probe_ids: [up] } });
    const all = await contract(v, availability, { settings: { probe_ids: null } });
    const samples: ProbeSample[] = [];
    for (let i = 1; i <= 60; i++) {
      samples.push(sample(down, "sg", T0 - i * MIN + 1000, false));
      samples.push(sample(up, "sg", T0 - i * MIN + 1000, true));
    }
    await put(samples);
    const burn = createBurnRateRule();
    const first = await round(T0, [burn]);
    expect(first.rules[0].error).toBeNull();
    const keys = (await alertsOf("burn-rate")).map((a) => a.key);
    expect(keys).toContain(`burn:${all}`);
    expect(keys).not.toContain(`burn:${onlyUp}`);
    const again = await round(T0 + 30_000, [burn]);
    expect(again.rules[0].fired).toBe(0);
  });

  it("latency: a connect time over the committed bound alerts once per target, recovers when fast again", async () => {
    const v = await vendor();
    const p = await probe(v);
    const c = await contract(v, {
      commitments: {},
      latency: [
        {
          metric: "connect",
          stat: "each",
          below_ms: 600,
          window: "period",
          regions: null,
          probes: null,
          min_samples: 1,
          from: null,
          evidence: [],
        },
      ],
    });
    await put([1, 2, 3].map((i) => sample(p, "sg", T0 - i * MIN, true, i === 2 ? 1500 : 120)));
    const first = await round(T0, [latencyRule]);
    expect(first.rules[0]).toMatchObject({ error: null, fired: 1 });
    const [a] = await alertsOf("latency");
    expect(a).toMatchObject({ key: `latency:${c}:0`, status: "firing", severity: "ticket" });
    const facts = a.facts as {
      message: { en: { title: string; fields: [string, string][] }; zh: { title: string } };
      path: string;
    };
    expect(facts.message.en.title).toContain("over the committed 600 ms in 1 region");
    expect(facts.message.en.fields).toContainEqual(["sg", "1500 ms, 1 of 3 samples at or over"]);
    expect(facts.message.zh.title).toContain("延迟超过承诺的 600 ms");
    expect(facts.path).toBe(`/contracts?contract=${c}&view=latency`);
    expect((await round(T0 + MIN, [latencyRule])).rules[0].fired).toBe(0);
    // an hour later only fast samples are in the window
    await put([1, 2].map((i) => sample(p, "sg", T0 + 61 * MIN + i * 1000, true, 100)));
    const later = await round(T0 + 62 * MIN, [latencyRule]);
    expect(later.rules[0].resolved).toBe(1);
    // no samples at all: the rule cannot judge, nothing changes
    expect((await round(T0 + 200 * MIN, [latencyRule])).rules[0]).toMatchObject({ fired: 0, resolved: 0 });
  });

  it("contract dates: N business days ahead on the contract's calendar, page on the day, closed quietly after", async () => {
    const v = await vendor();
    // 2026-11-02 is a Monday; the term ends Friday 2026-11-13 (9 business days after today)
    const c = await contract(
      v,
      {
        commitments: {},
        calendar: cnCalendar,
        dates: {
          auto_renewal: { renewal_months: 12, notice: { amount: 30, unit: "calendar_days" } },
          alert_business_days_ahead: 5,
        },
      },
      { valid_to: "2026-11-13" },
    );
    const at = (day: string) => Date.parse(`${day}T02:00:00Z`);
    expect((await round(at("2026-11-02"), [contractDeadlinesRule])).rules[0]).toMatchObject({
      error: null,
      fired: 0,
    });
    const early = await round(at("2026-11-06"), [contractDeadlinesRule]);
    expect(early.rules[0].fired).toBe(1);
    const [a] = await alertsOf("contract-dates");
    expect(a).toMatchObject({ key: `contract-date:${c}:term_end:2026-11-13`, severity: "ticket", level: 1 });
    const facts = a.facts as {
      message: { en: { title: string; text: string }; zh: { title: string; text: string } };
      path: string;
    };
    expect(facts.message.en.text).toMatch(/^5 business days left/);
    expect(facts.message.zh.title).toContain("合同到期日期 2026-11-13");
    expect(facts.message.zh.text).toBe("还剩 5 个工作日。");
    expect(facts.path).toBe(`/contracts?contract=${c}&view=dates`);
    expect((await round(at("2026-11-09"), [contractDeadlinesRule])).rules[0].fired).toBe(0);
    const day = await round(at("2026-11-13"), [contractDeadlinesRule]);
    expect(day.rules[0].escalated).toBe(1);
    const after = await round(at("2026-11-16"), [contractDeadlinesRule]);
    expect(after.rules[0]).toMatchObject({ resolved: 0, expired: 1 });
    expect((await alertsOf("contract-dates"))[0].status).toBe("resolved");
  });

  it("maintenance: short notice and a window outside the committed one alert once each; a compliant one does not", async () => {
    const v = await vendor();
    await contract(
      v,
      { commitments: { maintenance: { notice_hours: 72, window: "每周二凌晨 02:00-06:00", evidence: [] } } },
      {
        settings: { probe_ids: null, calendar: null },
      },
    );
    const notice = async (title: string, noticeAt: string, start: string, end: string) => {
      const id = newId();
      const given = (Date.parse(start) - Date.parse(noticeAt)) / 3_600_000;
      await store.db
        .insertInto("maintenance_notices")
        .values({
          id,
          workspace_id: ws,
          vendor_id: v,
          title,
          notice_at: new Date(noticeAt),
          window_start: new Date(start),
          window_end: new Date(end),
          committed_hours: 72,
          notice_hours_given: given,
          late: given < 72,
          created_by: null,
        })
        .execute();
      return id;
    };
    // Tuesday 2026-11-10 02:30–05:00 Beijing = 2026-11-09 18:30–21:00 UTC
    const late = await notice(
      "db upgrade",
      "2026-11-08T18:30:00Z",
      "2026-11-09T18:30:00Z",
      "2026-11-09T21:00:00Z",
    );
    const outside = await notice(
      "network",
      "2026-11-01T00:00:00Z",
      "2026-11-10T06:00:00Z",
      "2026-11-10T08:00:00Z",
    );
    await notice("fine", "2026-11-01T00:00:00Z", "2026-11-09T19:00:00Z", "2026-11-09T20:00:00Z");
    const now = Date.parse("2026-11-09T00:00:00Z");
    expect((await round(now, [maintenanceRule])).rules[0]).toMatchObject({ error: null, fired: 2 });
    const list = await alertsOf("maintenance");
    expect(list.map((a) => a.key).sort()).toEqual([`maintenance:${late}`, `maintenance:${outside}`].sort());
    const byKey = new Map(
      list.map((a) => [
        a.key,
        a.facts as { message: { en: { title: string }; zh: { title: string } }; path: string },
      ]),
    );
    expect(byKey.get(`maintenance:${late}`)?.message.en.title).toBe("Maintenance short notice: db upgrade");
    expect(byKey.get(`maintenance:${late}`)?.message.zh.title).toBe("维护提前通知不足:db upgrade");
    expect(byKey.get(`maintenance:${outside}`)?.message.en.title).toBe(
      "Maintenance outside the committed window: network",
    );
    expect(byKey.get(`maintenance:${outside}`)?.path).toBe(`/vendors/${v}?maintenance=${outside}`);
    expect((await round(now + MIN, [maintenanceRule])).rules[0].fired).toBe(0);
    // a week after the windows the alerts close without a message
    const after = await round(Date.parse("2026-11-18T00:00:00Z"), [maintenanceRule]);
    expect(after.rules[0]).toMatchObject({ resolved: 0, expired: 2 });
  });
});
