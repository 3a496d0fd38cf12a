import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { computeContractClaim } from "./contract-claim.js";
import { insertSamples, seedContract } from "./test-fixtures.js";

const commitments = {
  availability: { target_percent: 99.9, window: "month", formula: "time", evidence: [] },
  credits: {
    tiers: [{ below_percent: 99.9, credit_percent: 10 }],
    form: "service_credit",
    cap_percent: null,
    claim_deadline_days: 30,
    claim_window: { amount: 30, unit: "calendar_days", from: "incident" },
    vendor_records_prevail: false,
    evidence: [],
  },
  maintenance: null,
};
const minute = (iso: string, i: number) => new Date(Date.parse(iso) + i * 60_000);

describe.each(storeBackends())("no data and partial periods on $name", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("guard-refused, clock-skewed and own-resolver samples are no data, never vendor downtime", async () => {
    const ids = await seedContract(store.db, commitments);
    await insertSamples(store.db, ids, [
      ...Array.from({ length: 90 }, (_, i) => ({
        at: minute("2026-11-03T02:00:10Z", i),
        ok: false,
        blocked: true,
        error: "blocked: vendor.example resolves to a private address",
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        at: minute("2026-11-03T04:00:10Z", i),
        ok: false,
        skew_flagged: true,
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        at: minute("2026-11-03T05:00:10Z", i),
        ok: false,
        error: "dns: resolver unavailable (EAI_AGAIN)",
      })),
      // the vendor's own outage: 60 minutes, counted
      ...Array.from({ length: 60 }, (_, i) => ({ at: minute("2026-11-10T08:00:10Z", i), ok: false })),
    ]);
    const claim = await computeContractClaim(store.db, {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      period: "2026-11",
      now: new Date("2026-12-05T00:00:00Z"),
    });
    expect(claim.report.down_minutes).toBe(60);
    expect(claim.report.no_data_samples).toEqual({
      guard_refused: 90,
      agent_clock_skew: 20,
      own_resolver: 10,
    });
    expect(claim.report.no_data_minutes).toBe(43200 - 60);
    expect(claim.report.down_runs).toEqual([
      expect.objectContaining({
        start: "2026-11-10T08:00:00+00:00",
        minutes: 60,
        requests: 60,
        regions: ["sg"],
      }),
    ]);
    // "故障发生后30日内": from the outage on Nov 10, not from the end of November
    expect(claim.window).toMatchObject({ counted_from: "incident", deadline: "2026-12-09" });
    expect(claim.letter.offered).toBe(true);
  });

  it("a month in progress is stored as partial with its elapsed minutes", async () => {
    const ids = await seedContract(store.db, commitments);
    await insertSamples(
      store.db,
      ids,
      Array.from({ length: 60 }, (_, i) => ({ at: minute("2026-12-05T15:00:10Z", i), ok: true })),
    );
    const claim = await computeContractClaim(store.db, {
      workspaceId: ids.workspaceId,
      contractId: ids.contractId,
      period: "2026-12",
      now: new Date("2026-12-05T16:00:00Z"),
    });
    expect(claim.report.period).toMatchObject({ partial: true, elapsed_minutes: 4 * 1440 + 960 });
    expect(claim.report.no_data_minutes).toBe(4 * 1440 + 960 - 60);
    expect(claim.letter.reason).toBe("period_in_progress");
    const stored = await store.db
      .selectFrom("availability_periods")
      .select(["report"])
      .where("contract_id", "=", ids.contractId)
      .executeTakeFirstOrThrow();
    expect((stored.report as { period: { partial: boolean } }).period.partial).toBe(true);
  });
});
