import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "./fake-vendor/index.js";
import { probeTimeline } from "./probe-timeline.js";
import { parseAllowlist } from "./ssrf-guard.js";

let vendor: FakeVendor;
let clock = new Date(0);
beforeAll(async () => {
  vendor = await startFakeVendor({
    now: () => clock,
    faults: { outages: [{ from: "2026-10-01T00:10:00Z", to: "2026-10-01T00:25:00Z" }] },
  });
});
afterAll(() => vendor.close());

describe("probeTimeline", () => {
  it("samples a simulated hour; the injected outage shows as failed samples at the right instants", async () => {
    const samples = await probeTimeline({
      ctx: { region: "sg", allow: parseAllowlist(["127.0.0.1"]) },
      input: {
        probe: { id: "p", url: `${vendor.url}/health`, timeout_ms: 2000 },
        from: new Date("2026-10-01T00:00:00Z"),
        to: new Date("2026-10-01T01:00:00Z"),
        everyMs: 5 * 60_000,
        setTime: (at) => {
          clock = at;
        },
      },
    });
    expect(samples).toHaveLength(12);
    expect(samples.filter((s) => !s.ok).map((s) => s.at)).toEqual([
      "2026-10-01T00:10:00.000Z",
      "2026-10-01T00:15:00.000Z",
      "2026-10-01T00:20:00.000Z",
    ]);
    expect(samples.every((s) => s.region === "sg")).toBe(true);
  });
});
