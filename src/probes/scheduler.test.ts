import { describe, expect, it } from "vitest";
import { ManualClock } from "./manual-clock.js";
import { type ProbeDefinition, parseProbeDefinition } from "./probe-definition.js";
import { emptyMetrics, emptyTimings, type ProbeSample } from "./sample.js";
import { ProbeScheduler, type RunInfo } from "./scheduler.js";

const probe = (id: string, extra: Partial<ProbeDefinition> = {}) =>
  parseProbeDefinition({ id, url: "https://api.vendor.example/health", interval_s: 30, ...extra });

function sample(p: ProbeDefinition, attempt: number, ok: boolean): ProbeSample {
  return {
    probe_id: p.id,
    url: p.url,
    kind: p.kind,
    region: null,
    at: new Date(0).toISOString(),
    ok,
    degraded: false,
    blocked: false,
    attempt,
    status: ok ? 200 : 503,
    error: ok ? null : "unexpected status 503",
    timings_ms: emptyTimings(),
    metrics: emptyMetrics(),
  };
}

function harness(
  opts: {
    concurrency?: number;
    outcome?: (p: ProbeDefinition, attempt: number) => boolean;
    runMs?: number;
  } = {},
) {
  const clock = new ManualClock(1_000_000);
  const samples: { sample: ProbeSample; info: RunInfo }[] = [];
  let active = 0;
  let maxActive = 0;
  const scheduler = new ProbeScheduler({
    clock,
    random: () => 0.5,
    concurrency: opts.concurrency ?? 100,
    retryDelayMs: 1000,
    run: (p, attempt) =>
      new Promise((resolve) => {
        active++;
        maxActive = Math.max(maxActive, active);
        clock.setTimeout(() => {
          active--;
          resolve(sample(p, attempt, opts.outcome ? opts.outcome(p, attempt) : true));
        }, opts.runMs ?? 100);
      }),
    onSample: (s, info) => samples.push({ sample: s, info }),
  });
  return { clock, scheduler, samples, maxActive: () => maxActive };
}

describe("ProbeScheduler", () => {
  it("runs each probe once per interval, at a phase spread within the interval", async () => {
    const h = harness();
    h.scheduler.setProbes([probe("a"), probe("b", { interval_s: 60 })]);
    h.scheduler.start();
    await h.clock.advance(120_000);
    const count = (id: string) => h.samples.filter((s) => s.sample.probe_id === id).length;
    expect(count("a")).toBe(4);
    expect(count("b")).toBe(2);
    const dueA = h.samples.filter((s) => s.sample.probe_id === "a").map((s) => s.info.dueAt);
    expect(dueA.slice(1).map((d, i) => d - dueA[i])).toEqual([30_000, 30_000, 30_000]);
  });

  it("keeps jitter within bounds without shifting the grid", async () => {
    const h = harness();
    let r = 0;
    const rand = [0.5, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1];
    (h.scheduler as unknown as { random: () => number }).random = () => rand[r++ % rand.length];
    h.scheduler.setProbes([probe("j", { jitter_s: 5 })]);
    h.scheduler.start();
    await h.clock.advance(200_000);
    const dues = h.samples.map((s) => s.info.dueAt);
    const base = 1_000_000 + 15_000;
    dues.forEach((d, i) => {
      const offset = d - (base + i * 30_000);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(5_000);
    });
  });

  it("never runs more than the concurrency limit, and queued runs show drift", async () => {
    const h = harness({ concurrency: 3, runMs: 1000 });
    h.scheduler.setProbes(Array.from({ length: 10 }, (_, i) => probe(`p${i}`)));
    h.scheduler.start();
    await h.clock.advance(30_000);
    expect(h.maxActive()).toBe(3);
    expect(h.samples).toHaveLength(10);
    expect(Math.max(...h.samples.map((s) => s.info.driftMs))).toBeGreaterThanOrEqual(3000);
  });

  it("reports the first failure and each retry", async () => {
    const h = harness({ outcome: (_p, attempt) => attempt === 3 });
    h.scheduler.setProbes([probe("r", { retries: 2 })]);
    h.scheduler.start();
    await h.clock.advance(20_000);
    expect(h.samples.map((s) => [s.sample.attempt, s.sample.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it("does not retry beyond the limit and keeps scheduling", async () => {
    const h = harness({ outcome: () => false });
    h.scheduler.setProbes([probe("f", { retries: 1 })]);
    h.scheduler.start();
    await h.clock.advance(50_000);
    expect(h.samples.map((s) => s.sample.attempt)).toEqual([1, 2, 1, 2]);
  });

  it("skips a run while the previous one is still going", async () => {
    const h = harness({ runMs: 45_000 });
    h.scheduler.setProbes([probe("slow")]);
    h.scheduler.start();
    await h.clock.advance(100_000);
    expect(h.scheduler.stats().skipped).toBeGreaterThan(0);
  });

  it("removes probes dropped from the set and reports disabled ones as gone", async () => {
    const h = harness();
    h.scheduler.setProbes([probe("a"), probe("b")]);
    h.scheduler.start();
    await h.clock.advance(30_000);
    h.scheduler.setProbes([probe("a"), probe("b", { enabled: false })]);
    const before = h.samples.length;
    await h.clock.advance(60_000);
    const after = h.samples.slice(before).map((s) => s.sample.probe_id);
    expect(new Set(after)).toEqual(new Set(["a"]));
    expect(h.scheduler.stats().probes).toBe(1);
  });

  it("turns a throwing run into a failed sample", async () => {
    const clock = new ManualClock();
    const got: ProbeSample[] = [];
    const s = new ProbeScheduler({
      clock,
      random: () => 0,
      run: async () => Promise.reject(new Error("boom")),
      onSample: (x) => got.push(x),
    });
    s.setProbes([probe("x")]);
    s.start();
    await clock.advance(1);
    expect(got[0].error).toMatch(/probe crashed: boom/);
    await s.stop();
  });
});
