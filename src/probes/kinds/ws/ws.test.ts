import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../../fake-vendor/index.js";
import { runProbe } from "../../run-probe.js";
import { parseAllowlist } from "../../ssrf-guard.js";

let vendor: FakeVendor;
beforeAll(async () => {
  vendor = await startFakeVendor();
});
afterAll(() => vendor.close());

const allow = parseAllowlist(["127.0.0.1"]);
const run = (config: Record<string, unknown> = {}) =>
  runProbe({
    ctx: { region: "fra", allow },
    input: { probe: { id: "w", kind: "ws", url: vendor.wsUrl, timeout_ms: 2000, config } },
  });

describe("ws probe", () => {
  it("measures connect and first-message latency", async () => {
    vendor.setFaults({});
    const s = await run({ send: '{"type":"join","room":"r1"}', expect_contains: "joined" });
    expect(s.ok).toBe(true);
    expect(s.status).toBe(101);
    expect(s.metrics.first_message_ms).not.toBeNull();
  });
  it("fails when the first message lacks the expected text", async () => {
    const s = await run({ expect_contains: "nope" });
    expect([s.ok, s.error]).toEqual([false, expect.stringMatching(/does not contain/)]);
  });
  it("fails with the upgrade status during an outage", async () => {
    vendor.setFaults({ outages: [{ from: 0, to: "2100-01-01T00:00:00Z" }] });
    const s = await run();
    expect([s.ok, s.status]).toEqual([false, 503]);
  });
  it("rejects a non-ws url as a config error", async () => {
    const s = await runProbe({
      ctx: { region: null, allow },
      input: { probe: { id: "w", kind: "ws", url: "http://127.0.0.1:1/" } },
    });
    expect(s.error).toMatch(/invalid probe config: .*url: must be a ws/);
  });
});
