import { describe, expect, it } from "vitest";
import { emptyMetrics, emptyTimings, type ProbeSample } from "../sample.js";
import { bucketOf, emptyHistogram, histogramQuantile, LATENCY_BOUNDS_MS } from "./histogram.js";
import { bucketStart, DEFAULT_RETENTION, retentionCutoffs, rollUpSamples, viewRollup } from "./rollup.js";

const s = (at: string, ok: boolean, total: number | null, extra: Partial<ProbeSample> = {}): ProbeSample => ({
  probe_id: "p",
  url: "https://x.example",
  kind: "http",
  region: "sg",
  at,
  ok,
  degraded: false,
  blocked: false,
  attempt: 1,
  status: ok ? 200 : 503,
  error: ok ? null : "x",
  timings_ms: { ...emptyTimings(), total },
  metrics: emptyMetrics(),
  ...extra,
});

describe("histogram", () => {
  it.each([
    [0, 0],
    [5, 0],
    [5.1, 1],
    [100, 6],
    [1e9, LATENCY_BOUNDS_MS.length],
  ])("%s ms falls in bucket %s", (ms, b) => expect(bucketOf(ms)).toBe(b));

  it("interpolates quantiles inside the bucket", () => {
    const h = emptyHistogram();
    h[bucketOf(120)] = 100; // all in (100, 150]
    expect(histogramQuantile(h, 0.5)).toBe(125);
    expect(histogramQuantile(emptyHistogram(), 0.5)).toBeNull();
  });
});

describe("rollUpSamples", () => {
  const samples = [
    s("2026-10-01T10:00:05Z", true, 100),
    s("2026-10-01T10:00:35Z", false, 5000),
    s("2026-10-01T10:01:05Z", true, 300),
    s("2026-10-01T10:01:06Z", false, null, { attempt: 2 }),
    s("2026-10-01T10:01:35Z", false, 80, { degraded: true, status: 429 }),
    s("2026-10-01T10:02:00Z", true, 90, { region: "fra" }),
  ];
  const rollups = rollUpSamples(samples);
  const find = (res: string, start: string, region = "sg") =>
    rollups.find(
      (r) => r.resolution === res && r.bucket_start.toISOString() === start && r.region === region,
    );

  it("counts per minute, ignoring retries", () => {
    expect(find("minute", "2026-10-01T10:00:00.000Z")).toMatchObject({ count: 2, ok: 1, fail: 1 });
    expect(find("minute", "2026-10-01T10:01:00.000Z")).toMatchObject({
      count: 2,
      ok: 1,
      fail: 1,
      degraded: 1,
    });
  });
  it("keeps regions apart", () => {
    expect(find("hour", "2026-10-01T10:00:00.000Z")).toMatchObject({ count: 4, ok: 2, fail: 2 });
    expect(find("hour", "2026-10-01T10:00:00.000Z", "fra")).toMatchObject({ count: 1 });
  });
  it("computes latency quantiles over ok samples", () => {
    const v = viewRollup(find("day", "2026-10-01T00:00:00.000Z") as never);
    expect(v.count).toBe(4);
    expect(v.p50_ms).toBeGreaterThan(75);
    expect(v.p99_ms).toBeLessThanOrEqual(300);
  });
  it("buckets by UTC", () =>
    expect(bucketStart(new Date("2026-10-01T23:59:59.999Z"), "day").toISOString()).toBe(
      "2026-10-01T00:00:00.000Z",
    ));
});

describe("retention", () => {
  it("keeps raw 7 days, minutes 100 (a month plus a 60-day claim window), hours 400 and days forever by default", () => {
    const c = retentionCutoffs(new Date("2026-10-31T00:00:00Z"), DEFAULT_RETENTION);
    expect(c.raw?.toISOString()).toBe("2026-10-24T00:00:00.000Z");
    expect(c.minute?.toISOString()).toBe("2026-07-23T00:00:00.000Z");
    expect(c.day).toBeNull();
  });
});
