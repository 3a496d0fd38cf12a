import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { jsonb } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { type AvailabilityReport, computeAvailability } from "../compute-availability.js";
import { FORMULA_KIND_NAMES } from "../formulas/index.js";
import { datePeriod } from "../period.js";
import { getVendorFormula, type VendorFormula } from "../vendor-formula.js";
import { loadObservations } from "./load-observations.js";
import { insertSamples, seedContract } from "./test-fixtures.js";

const DAY = "2026-09-01T00:00:00Z";
const MINUTE = 60_000;

/** One formula per kind (and both request aggregates), with params that make every rule bite. */
const FORMULAS: VendorFormula[] = [
  { kind: "time", params: { bucket_minutes: 1, min_run_minutes: 3 } },
  { kind: "time", params: { bucket_minutes: 5, down_error_rate_above_percent: 30, min_requests: 4 } },
  { kind: "slots", params: { slot_minutes: 5, down_success_below_percent: 90, min_requests: 6 } },
  { kind: "requests", params: { aggregate: "ratio" } },
  { kind: "requests", params: { aggregate: "interval_average", interval_minutes: 5, min_requests: 5 } },
].map((f, i) => ({ ...getVendorFormula("generic-time"), id: `test-${i}`, ...f }) as VendorFormula);

/**
 * A day of samples in two regions, 1–3 per minute at irregular seconds: an outage, a partial one,
 * scattered failures, a minute with a single throttled answer and an hour without any sample.
 */
function daySamples(): { at: Date; ok: boolean; region: string }[] {
  const out: { at: Date; ok: boolean; region: string }[] = [];
  const start = Date.parse(DAY);
  for (let m = 0; m < 1440; m++) {
    if (m >= 600 && m < 660) continue;
    for (const region of ["sg", "fra"]) {
      const n = 1 + ((m * 7 + (region === "sg" ? 0 : 3)) % 3);
      for (let i = 0; i < n; i++) {
        const down =
          (m >= 100 && m < 112) ||
          (region === "sg" && m >= 300 && m < 320 && i === 0) ||
          (m % 97 === 5 && i === n - 1);
        out.push({ at: new Date(start + m * MINUTE + ((i * 17 + m) % 60) * 1000), ok: !down, region });
      }
    }
  }
  return out;
}

describe.each(storeBackends())("raw samples and their minute rollups on $name", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("give the same figures for every formula kind", async () => {
    const raw = await seedContract(store.db, {});
    const rolled = await seedContract(store.db, {});
    const samples = daySamples();
    // batched: one insert of them all is more bind parameters than PostgreSQL takes
    for (let i = 0; i < samples.length; i += 1000)
      await insertSamples(store.db, raw, samples.slice(i, i + 1000));
    const rollups = new Map<string, { region: string; start: number; count: number; fail: number }>();
    for (const s of samples) {
      const start = Math.floor(s.at.getTime() / MINUTE) * MINUTE;
      const key = `${s.region}@${start}`;
      const r = rollups.get(key) ?? { region: s.region, start, count: 0, fail: 0 };
      r.count += 1;
      if (!s.ok) r.fail += 1;
      rollups.set(key, r);
    }
    const rows = [...rollups.values()].map((r) => ({
      probe_id: rolled.probeId,
      workspace_id: rolled.workspaceId,
      region: r.region,
      resolution: "minute" as const,
      bucket_start: new Date(r.start),
      count: r.count,
      ok: r.count - r.fail,
      fail: r.fail,
      degraded: 0,
      histogram: jsonb({}),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await store.db
        .insertInto("probe_rollups")
        .values(rows.slice(i, i + 500))
        .execute();
    const period = datePeriod("2026-09-01", "2026-09-01", "2026-09-02", "UTC");
    const load = (ids: typeof raw) =>
      loadObservations(store.db, {
        workspaceId: ids.workspaceId,
        contractId: ids.contractId,
        vendorId: ids.vendorId,
        probeIds: null,
        from: new Date(period.start),
        to: new Date(period.end),
      });
    const fromRaw = await load(raw);
    const fromRollups = await load(rolled);
    expect(fromRollups).toHaveLength(samples.length);
    expect(fromRollups.filter((o) => !o.ok)).toHaveLength(samples.filter((s) => !s.ok).length);
    // The formulas judge minutes and multiples of them: where in its minute a sample fell is not a figure.
    const figures = (r: AvailabilityReport) => ({
      measured_percent: r.measured_percent,
      eligible_minutes: r.eligible_minutes,
      no_data_minutes: r.no_data_minutes,
      down_minutes: r.down_minutes,
      requests: r.requests,
      failures: r.failures,
      down_slots: r.down_slots,
      down_runs: r.down_runs,
      ignored_short_runs: r.ignored_short_runs,
      slots_below_min_requests: r.slots_below_min_requests,
      by_region: r.by_region,
      flags: r.flags,
    });
    const kinds = new Set<string>();
    for (const formula of FORMULAS) {
      kinds.add(formula.kind);
      const report = (observations: typeof fromRaw) =>
        figures(
          computeAvailability({ formula, period, timezone: "UTC", observations, target_percent: 99.5 }),
        );
      const a = report(fromRaw);
      expect(a.requests).toBe(samples.length);
      expect(a.down_slots.length, formula.id).toBeGreaterThan(0);
      expect(report(fromRollups), formula.id).toEqual(a);
    }
    expect([...kinds].sort()).toEqual([...FORMULA_KIND_NAMES].sort());
  });
});
