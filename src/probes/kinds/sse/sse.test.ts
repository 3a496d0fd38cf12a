import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, type Faults, startFakeVendor } from "../../fake-vendor/index.js";
import { runProbe } from "../../run-probe.js";
import type { ProbeSample } from "../../sample.js";
import { parseAllowlist } from "../../ssrf-guard.js";

let vendor: FakeVendor;
beforeAll(async () => {
  vendor = await startFakeVendor({ tokens: 6 });
});
afterAll(() => vendor.close());

const allow = parseAllowlist(["127.0.0.1"]);
const run = (path = "/v1/chat/completions", config: Record<string, unknown> = {}) =>
  runProbe({
    ctx: { region: null, allow },
    input: { probe: { id: "s", kind: "sse", url: `${vendor.url}${path}`, timeout_ms: 3000, config } },
  });

describe("sse probe", () => {
  const scenarios: { name: string; faults: Faults; path?: string; check: (s: ProbeSample) => void }[] = [
    {
      name: "healthy stream: first token, tokens, tokens/s",
      faults: { tokenIntervalMs: 5 },
      check: (s) => {
        expect(s.ok).toBe(true);
        expect(s.metrics.tokens).toBe(6);
        expect(s.metrics.tokens_per_s).toBeGreaterThan(0);
        expect(s.timings_ms.first_token).toBeGreaterThanOrEqual(s.timings_ms.first_byte ?? 0);
        expect(s.timings_ms.total).toBeGreaterThanOrEqual(s.timings_ms.first_token ?? 0);
      },
    },
    {
      name: "slow first token is measured",
      faults: { firstTokenDelayMs: 150 },
      check: (s) => {
        expect(s.ok).toBe(true);
        expect((s.timings_ms.first_token ?? 0) - (s.timings_ms.first_byte ?? 0)).toBeGreaterThanOrEqual(100);
      },
    },
    {
      name: "dropped stream fails",
      faults: { dropStreamRate: 1 },
      check: (s) => expect([s.ok, s.error]).toEqual([false, expect.stringMatching(/stream/)]),
    },
    {
      name: "malformed event counted",
      faults: { malformedStreamRate: 1 },
      check: (s) => expect([s.ok, s.metrics.stream_errors]).toEqual([false, 1]),
    },
    {
      name: "5xx before the stream",
      faults: { errorRate: 1 },
      check: (s) => expect([s.ok, s.status]).toEqual([false, 503]),
    },
    {
      name: "429 is degraded",
      faults: { rateLimitRate: 1 },
      check: (s) => expect([s.degraded, s.status]).toEqual([true, 429]),
    },
    {
      name: "malformed endpoint without [DONE]",
      faults: {},
      path: "/malformed-sse",
      check: (s) => expect(s.error).toMatch(/malformed/),
    },
  ];
  for (const sc of scenarios) {
    it(sc.name, async () => {
      vendor.setFaults(sc.faults);
      sc.check(await run(sc.path));
    });
  }

  it("stream that never finishes times out but keeps its first token", async () => {
    vendor.setFaults({ tokenIntervalMs: 10_000 });
    const s = await runProbe({
      ctx: { region: null, allow },
      input: { probe: { id: "s", kind: "sse", url: `${vendor.url}/v1/chat/completions`, timeout_ms: 300 } },
    });
    expect(s.ok).toBe(false);
    expect(s.error).toMatch(/timeout/);
    expect(s.timings_ms.first_token).not.toBeNull();
  });
});
