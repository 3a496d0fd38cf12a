import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../context/index.js";
import { emptyMetrics, emptyTimings, type ProbeSample, storeSamples } from "../../probes/index.js";
import { jsonb, newId, type Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { contractLatency } from "./contract-latency.js";

const NOW = new Date("2026-12-05T16:00:00Z");

async function seed(store: Store) {
  const ws = newId();
  const vendor = newId();
  const contract = newId();
  const probe = newId();
  await store.db.insertInto("workspaces").values({ id: ws, name: "Acme" }).execute();
  await store.db.insertInto("vendors").values({ id: vendor, workspace_id: ws, name: "RTC Co" }).execute();
  const latency = [
    { metric: "connect", stat: "each", below_ms: 600, from: "scenario.connect_time_ms" },
    { metric: "first_byte", stat: "p95", below_ms: 800, window: "day", regions: ["fra"] },
  ];
  await store.db
    .insertInto("contracts")
    .values({
      id: contract,
      workspace_id: ws,
      vendor_id: vendor,
      name: "RTC",
      terms_yaml: "schema: termsight.terms/v1\n",
      terms: jsonb({ schema: "termsight.terms/v1", commitments: {}, latency }),
    })
    .execute();
  await store.db
    .insertInto("probes")
    .values({
      id: probe,
      workspace_id: ws,
      vendor_id: vendor,
      name: null,
      kind: "http",
      url: "https://rtc.example/join",
      interval_s: 60,
      jitter_s: 0,
      timeout_ms: 5000,
      retries: 0,
      regions: jsonb(["sg", "fra"]),
      config: jsonb({}),
      enabled: true,
      created_by: null,
    })
    .execute();
  return { ws, contract, probe };
}

const sample = (
  probe: string,
  at: string,
  region: string,
  connect: number,
  blocked = false,
): ProbeSample => ({
  probe_id: probe,
  url: "https://rtc.example/join",
  kind: "http",
  region,
  at,
  ok: !blocked,
  degraded: false,
  blocked,
  attempt: 1,
  status: blocked ? null : 200,
  error: blocked ? "blocked: private address" : null,
  timings_ms: { ...emptyTimings(), connect, first_byte: connect + 100, total: connect + 150 },
  metrics: emptyMetrics(),
});

describe.each(storeBackends())("contractLatency on $name", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("judges connect < 600 ms per region from stored samples; guard-refused samples are no data", async () => {
    const ids = await seed(store);
    const samples = [
      sample(ids.probe, "2026-12-02T10:00:30Z", "sg", 120),
      sample(ids.probe, "2026-12-02T10:01:30Z", "sg", 1500),
      sample(ids.probe, "2026-12-02T10:00:30Z", "fra", 200),
      sample(ids.probe, "2026-12-02T10:01:30Z", "fra", 9000, true),
    ];
    await storeSamples(store.db, {
      workspaceId: ids.ws,
      agentId: null,
      batchId: null,
      receivedAt: NOW,
      skewFlagged: false,
      samples,
    });
    const report = await contractLatency({
      ctx: systemCtx(store, ids.ws, NOW),
      input: { contractId: ids.contract, period: "2026-12" },
    });
    expect(report.period.partial).toBe(true);
    expect(report.no_data_samples).toBe(1);
    expect(report.met).toBe(false);
    const [connect, firstByte] = report.targets;
    expect(connect.regions.map((r) => [r.region, r.met, r.value_ms])).toEqual([
      ["fra", true, 200],
      ["sg", false, 1500],
    ]);
    expect(connect.regions[1].breaching_samples.first).toEqual([
      { at: "2026-12-02T10:01:30+00:00", probe_id: ids.probe, value_ms: 1500 },
    ]);
    expect(firstByte.regions.map((r) => [r.region, r.met])).toEqual([["fra", true]]);
  });

  it("an unknown contract is 404; a contract without latency targets has none to judge", async () => {
    const ids = await seed(store);
    await expect(
      contractLatency({
        ctx: systemCtx(store, ids.ws, NOW),
        input: { contractId: "nope", period: "2026-12" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await store.db
      .updateTable("contracts")
      .set({ terms: jsonb({ schema: "termsight.terms/v1", commitments: {} }) })
      .where("id", "=", ids.contract)
      .execute();
    const report = await contractLatency({
      ctx: systemCtx(store, ids.ws, NOW),
      input: { contractId: ids.contract, period: "2026-12" },
    });
    expect(report).toMatchObject({ met: null, targets: [] });
  });
});
