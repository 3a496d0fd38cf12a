import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../../fake-vendor/index.js";
import { runProbe } from "../../run-probe.js";
import { parseAllowlist } from "../../ssrf-guard.js";
import { certificateDaysLeft } from "./tls.js";

let vendor: FakeVendor;
beforeAll(async () => {
  vendor = await startFakeVendor({ tls: true });
});
afterAll(() => vendor.close());

const allow = parseAllowlist(["127.0.0.1"]);
const run = (config: Record<string, unknown>, kind = "tls") =>
  runProbe({
    ctx: { region: null, allow },
    input: { probe: { id: "t", kind, url: vendor.url, timeout_ms: 2000, config } },
  });

describe("tls probe", () => {
  it("reports days left on the certificate", async () => {
    const s = await run({ insecure: true, min_days_left: 1 });
    expect(s.ok).toBe(true);
    expect(s.metrics.cert_days_left).toBeGreaterThan(300);
    expect(s.timings_ms.tls).not.toBeNull();
  });
  it("fails when the certificate expires within the minimum", async () => {
    const s = await run({ insecure: true, min_days_left: 100_000 });
    expect([s.ok, s.error]).toEqual([false, expect.stringMatching(/expires in/)]);
  });
  it("fails on an untrusted (self-signed) certificate", async () => {
    const s = await run({});
    expect([s.ok, s.error]).toEqual([false, expect.stringMatching(/^tls: /)]);
  });
  it("an https probe fails on the untrusted certificate with a tls error", async () => {
    const s = await run({}, "http");
    expect([s.ok, s.error]).toEqual([false, expect.stringMatching(/^tls: /)]);
  });
  it("an https probe with insecure measures the tls phase", async () => {
    const s = await run({ insecure: true }, "http");
    expect(s.ok).toBe(true);
    expect(s.timings_ms.tls).not.toBeNull();
  });
  it("a wss probe keeps SNI and measures first-message latency over TLS", async () => {
    const s = await runProbe({
      ctx: { region: null, allow },
      input: {
        probe: { id: "w", kind: "ws", url: vendor.wsUrl, timeout_ms: 2000, config: { insecure: true } },
      },
    });
    expect(vendor.wsUrl.startsWith("wss://")).toBe(true);
    expect([s.ok, s.error]).toEqual([true, null]);
    expect(s.metrics.first_message_ms).not.toBeNull();
  });
  it.each([
    ["2030-01-11T00:00:00Z", "2030-01-01T00:00:00Z", 10],
    ["2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z", -1],
  ])("days left from %s at %s", (validTo, now, want) =>
    expect(certificateDaysLeft(validTo, new Date(now))).toBe(want),
  );
});
