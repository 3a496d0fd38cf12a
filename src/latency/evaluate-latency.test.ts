import { describe, expect, it } from "vitest";
import { monthPeriod } from "../availability/index.js";
import { LatencyTarget } from "../terms/index.js";
import { evaluateLatency, type LatencySample, percentile } from "./evaluate-latency.js";

const SH = "Asia/Shanghai";
const period = monthPeriod("2026-11", SH);
const connect600 = LatencyTarget.parse({ metric: "connect", stat: "each", below_ms: 600 });

/** One sample a minute from `iso` in `region`, connect time from `ms(i)`. */
function run(
  iso: string,
  region: string,
  n: number,
  ms: (i: number) => number,
  extra: Partial<LatencySample> = {},
) {
  return Array.from({ length: n }, (_, i) => ({
    t: Date.parse(iso) + i * 60_000,
    probe_id: "p1",
    region,
    values: { connect: ms(i), first_byte: ms(i) + 100 },
    ...extra,
  }));
}

describe("evaluateLatency", () => {
  it("1v1 social connect < 600 ms: a 1,500 ms connect in Singapore breaches, Frankfurt is fine", () => {
    const samples = [
      ...run("2026-11-03T10:00:00+08:00", "sg", 60, (i) => (i === 30 ? 1500 : 120)),
      ...run("2026-11-03T10:00:00+08:00", "fra", 60, () => 200),
    ];
    const r = evaluateLatency({ targets: [connect600], samples, period });
    expect(r.met).toBe(false);
    const [fra, sg] = r.targets[0].regions;
    expect(fra).toMatchObject({ region: "fra", samples: 60, value_ms: 200, met: true, windows_breached: 0 });
    expect(sg).toMatchObject({ region: "sg", samples: 60, value_ms: 1500, met: false, windows_breached: 1 });
    expect(sg.breaching_samples).toEqual({
      count: 1,
      first: [{ at: "2026-11-03T10:30:00+08:00", probe_id: "p1", value_ms: 1500 }],
    });
  });

  it("p95 per hour: one slow hour in a region breaches, a single slow sample in another hour does not", () => {
    const target = LatencyTarget.parse({
      metric: "first_byte",
      stat: "p95",
      below_ms: 800,
      window: "hour",
      regions: ["sg"],
    });
    const samples = [
      // 09:00–10:00: 10 of 60 above the bound → p95 above it
      ...run("2026-11-03T09:00:00+08:00", "sg", 60, (i) => (i < 10 ? 900 : 300)),
      // 10:00–11:00: 1 of 60 above the bound → p95 fine
      ...run("2026-11-03T10:00:00+08:00", "sg", 60, (i) => (i === 0 ? 5000 : 300)),
      ...run("2026-11-03T10:00:00+08:00", "fra", 60, () => 5000), // not a region of the target
    ];
    const r = evaluateLatency({ targets: [target], samples, period });
    expect(r.targets[0].regions.map((x) => x.region)).toEqual(["sg"]);
    const sg = r.targets[0].regions[0];
    expect(sg).toMatchObject({ windows_judged: 2, windows_breached: 1, met: false });
    expect(sg.breached_windows).toEqual([
      { start: "2026-11-03T09:00:00+08:00", end: "2026-11-03T10:00:00+08:00", samples: 60, value_ms: 1000 },
    ]);
    expect(sg.breaching_samples.count).toBe(10);
  });

  it("no-data samples, samples outside the elapsed period and missing timings are not judged", () => {
    const samples = [
      ...run("2026-11-03T10:00:00+08:00", "sg", 5, () => 3000, { no_data: true }),
      ...run("2026-11-20T10:00:00+08:00", "sg", 5, () => 3000),
      { t: Date.parse("2026-11-03T11:00:00+08:00"), probe_id: "p1", region: "sg", values: { connect: null } },
      ...run("2026-11-04T10:00:00+08:00", "sg", 5, () => 100),
    ];
    const r = evaluateLatency({
      targets: [connect600],
      samples,
      period,
      now: new Date("2026-11-10T00:00:00+08:00"),
    });
    expect(r.period.partial).toBe(true);
    expect(r.no_data_samples).toBe(5);
    expect(r.targets[0].regions[0]).toMatchObject({ samples: 5, met: true });
  });

  it("a window below min_samples and a listed region without samples are not judged (met: null)", () => {
    const target = LatencyTarget.parse({
      metric: "connect",
      stat: "p99",
      below_ms: 600,
      regions: ["sg", "fra"],
      min_samples: 100,
    });
    const r = evaluateLatency({
      targets: [target],
      samples: run("2026-11-03T10:00:00+08:00", "sg", 10, () => 900),
      period,
    });
    expect(r.targets[0].regions.map((x) => [x.region, x.samples, x.met])).toEqual([
      ["fra", 0, null],
      ["sg", 10, null],
    ]);
    expect(r.met).toBeNull();
  });

  it("nearest-rank percentile", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 0.95), percentile(sorted, 0.99), percentile([7], 0.99)]).toEqual([95, 99, 7]);
  });
});
