import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { jsonb } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { computeContractClaim } from "./contract-claim.js";
import { loadObservations } from "./load-observations.js";
import { importRequestLog } from "./log-imports.js";
import { getSettings, putSettings } from "./settings.js";
import { insertSamples, seedContract } from "./test-fixtures.js";

const commitments = {
  availability: {
    target_percent: 99.9,
    window: "month",
    formula: "time",
    evidence: [{ line: 2, text: "可用性不低于99.9%" }],
  },
  credits: {
    tiers: [{ below_percent: 99.9, credit_percent: 10 }],
    form: "service_credit",
    cap_percent: null,
    claim_deadline_days: 30,
    vendor_records_prevail: false,
    evidence: [],
  },
  maintenance: { notice_hours: 48, window: null, evidence: [] },
};
const NOW = new Date("2026-10-05T00:00:00Z");

describe.each(storeBackends())("availability storage on $name", ({ open }) => {
  let store: Store;
  let ids: Awaited<ReturnType<typeof seedContract>>;
  beforeAll(async () => {
    store = await open();
    ids = await seedContract(store.db, commitments);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("stores settings with a version", async () => {
    expect((await getSettings(store.db, ids.workspaceId, ids.contractId)).version).toBeNull();
    const v1 = await putSettings(store.db, {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      settings: {
        formula: "generic-time",
        timezone: "UTC",
        calendar: null,
        probe_ids: null,
        monthly_fee: 1000,
        currency: "USD",
      },
      now: NOW,
    });
    const v2 = await putSettings(store.db, {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      settings: {
        formula: "generic-time",
        timezone: "UTC",
        calendar: null,
        probe_ids: null,
        monthly_fee: 2000,
        currency: "USD",
      },
      now: NOW,
    });
    expect([v1, v2]).toEqual([1, 2]);
    expect(await getSettings(store.db, ids.workspaceId, ids.contractId)).toMatchObject({
      monthly_fee: 2000,
      version: 2,
    });
  });

  it("imports a request log once (idempotent by content)", async () => {
    const text = [
      "timestamp,status",
      "2026-09-10T10:00:05Z,500",
      "2026-09-10T10:00:35Z,200",
      "bad,line",
    ].join("\n");
    const input = {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      actorId: null,
      text,
      options: { name: "a.csv" },
    };
    const first = await importRequestLog(store.db, input);
    const second = await importRequestLog(store.db, input);
    expect(first).toMatchObject({ imported: 2, broken_count: 1, duplicate: false });
    expect(second).toMatchObject({ import_id: first.import_id, duplicate: true });
    const rows = await store.db
      .selectFrom("request_log_entries")
      .select("id")
      .where("contract_id", "=", ids.contractId)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it("computes and stores a month from probe samples and logs", async () => {
    // 45 down minutes from probes (Sep 20, 08:00–08:45 UTC) plus the log's failed minute.
    await insertSamples(
      store.db,
      ids,
      Array.from({ length: 45 }, (_, i) => ({
        at: new Date(Date.parse("2026-09-20T08:00:10Z") + i * 60_000),
        ok: false,
      })),
    );
    const claim = await computeContractClaim(store.db, {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      period: "2026-09",
      now: NOW,
    });
    expect(claim.report.down_minutes).toBe(46);
    expect(claim.report.down_slots[0]).toMatchObject({
      start: "2026-09-10T10:00:00+00:00",
      sources: ["logs"],
    });
    expect(claim.credit).toMatchObject({
      owed: true,
      credit_percent: 10,
      amount: { amount: 200, currency: "USD" },
    });
    expect(claim.window).toMatchObject({ deadline: "2026-10-30", days_left: 25 });
    const stored = await store.db
      .selectFrom("availability_periods")
      .select(["measured_percent", "credit_percent"])
      .where("contract_id", "=", ids.contractId)
      .executeTakeFirstOrThrow();
    expect(stored.credit_percent).toBe(10);
    expect(stored.measured_percent).toBeCloseTo((1 - 46 / 43200) * 100, 5);
  });

  it("falls back to minute rollups where raw samples were pruned, without counting a minute twice", async () => {
    const other = await seedContract(store.db, commitments);
    const minute = (iso: string, count: number, fail: number, degraded = 0) => ({
      probe_id: other.probeId,
      workspace_id: other.workspaceId,
      region: "sg",
      resolution: "minute" as const,
      bucket_start: new Date(iso),
      count,
      ok: count - fail,
      fail,
      degraded,
      histogram: jsonb({}),
    });
    await store.db
      .insertInto("probe_rollups")
      .values([
        minute("2026-09-05T08:00:00Z", 2, 2),
        minute("2026-09-05T08:01:00Z", 2, 1),
        minute("2026-09-05T08:02:00Z", 2, 2, 2), // throttled only: answered, not down by default
        minute("2026-09-20T08:00:00Z", 2, 2), // raw samples exist from here on: ignored
      ])
      .execute();
    await insertSamples(store.db, other, [
      { at: new Date("2026-09-20T08:00:10Z"), ok: true },
      { at: new Date("2026-09-20T08:00:40Z"), ok: true },
    ]);
    const q = {
      workspaceId: other.workspaceId,
      contractId: other.contractId,
      vendorId: other.vendorId,
      probeIds: null,
      from: new Date("2026-09-01T00:00:00Z"),
      to: new Date("2026-10-01T00:00:00Z"),
    };
    const obs = await loadObservations(store.db, q);
    expect(obs.map((o) => [new Date(o.t).toISOString().slice(11, 19), o.ok])).toEqual([
      ["08:00:00", false],
      ["08:00:30", false],
      ["08:01:00", false],
      ["08:01:30", true],
      ["08:02:00", true],
      ["08:02:30", true],
      ["08:00:10", true],
      ["08:00:40", true],
    ]);
    const strict = await loadObservations(store.db, { ...q, countDegraded: true });
    expect(strict.filter((o) => !o.ok)).toHaveLength(5);
  });
});
