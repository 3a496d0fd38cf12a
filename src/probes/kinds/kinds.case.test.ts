import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../fake-vendor/index.js";
import { runProbe } from "../run-probe.js";
import { ProbeSample } from "../sample.js";
import { EMPTY_ALLOWLIST, parseAllowlist } from "../ssrf-guard.js";
import { probeKinds } from "./index.js";

/** One contract every kind runs: healthy, refused, blocked, silent server → a valid sample, never a throw. */
let vendor: FakeVendor;
let tlsVendor: FakeVendor;
let silent: Server;
const held = new Set<Socket>();
let silentPort = 0;
let closedPort = 0;

beforeAll(async () => {
  vendor = await startFakeVendor();
  tlsVendor = await startFakeVendor({ tls: true });
  silent = createServer((s) => {
    held.add(s);
    s.on("error", () => {});
  });
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  silentPort = (silent.address() as { port: number }).port;
  const tmp = createServer();
  await new Promise<void>((r) => tmp.listen(0, "127.0.0.1", () => r()));
  closedPort = (tmp.address() as { port: number }).port;
  await new Promise<void>((r) => tmp.close(() => r()));
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
  await vendor.close();
  await tlsVendor.close();
});

const port = (url: string) => new URL(url).port;
const kinds: {
  name: keyof typeof probeKinds;
  healthy: () => { url: string; config?: Record<string, unknown> };
  target: (p: number) => string;
  silentFails: boolean;
}[] = [
  {
    name: "http",
    healthy: () => ({ url: `${vendor.url}/health` }),
    target: (p) => `http://127.0.0.1:${p}/`,
    silentFails: true,
  },
  {
    name: "sse",
    healthy: () => ({ url: `${vendor.url}/v1/chat/completions` }),
    target: (p) => `http://127.0.0.1:${p}/v1/chat/completions`,
    silentFails: true,
  },
  {
    name: "ws",
    healthy: () => ({ url: vendor.wsUrl }),
    target: (p) => `ws://127.0.0.1:${p}/`,
    silentFails: true,
  },
  {
    name: "tcp",
    healthy: () => ({ url: `tcp://127.0.0.1:${port(vendor.url)}` }),
    target: (p) => `tcp://127.0.0.1:${p}`,
    silentFails: false,
  },
  {
    name: "tls",
    healthy: () => ({
      url: `127.0.0.1:${port(tlsVendor.url)}`,
      config: { insecure: true, min_days_left: 1 },
    }),
    target: (p) => `127.0.0.1:${p}`,
    silentFails: true,
  },
];

const allow = parseAllowlist(["127.0.0.1"]);
const probe = (kind: string, url: string, config: Record<string, unknown> = {}) => ({
  id: `p-${kind}`,
  kind,
  url,
  timeout_ms: 500,
  config,
});

describe.each(kinds)("probe kind $name", (k) => {
  it("is registered under its own name", () => expect(probeKinds[k.name].name).toBe(k.name));

  it("succeeds against a healthy local target and fills total", async () => {
    const h = k.healthy();
    const sample = await runProbe({
      ctx: { region: "test", allow },
      input: { probe: probe(k.name, h.url, h.config) },
    });
    expect(ProbeSample.parse(sample)).toEqual(sample);
    expect(sample.error).toBeNull();
    expect(sample.ok).toBe(true);
    expect(sample.kind).toBe(k.name);
    expect(sample.region).toBe("test");
    expect(sample.timings_ms.total).toBeGreaterThan(0);
    expect(sample.timings_ms.connect).not.toBeNull();
  });

  it("fails with 'connection refused' on a closed port", async () => {
    const sample = await runProbe({
      ctx: { region: null, allow },
      input: { probe: probe(k.name, k.target(closedPort)) },
    });
    expect(sample.ok).toBe(false);
    expect(sample.error).toMatch(/refused/);
  });

  it("is blocked on loopback without an allowlist", async () => {
    const h = k.healthy();
    const sample = await runProbe({
      ctx: { region: null, allow: EMPTY_ALLOWLIST },
      input: { probe: probe(k.name, h.url, h.config) },
    });
    expect(sample.blocked).toBe(true);
    expect(sample.ok).toBe(false);
    expect(sample.error).toMatch(/blocked/);
  });

  it("times out against a server that never answers", async () => {
    const sample = await runProbe({
      ctx: { region: null, allow },
      input: { probe: probe(k.name, k.target(silentPort)) },
    });
    if (k.silentFails) {
      expect(sample.ok).toBe(false);
      expect(sample.error).toMatch(/timeout/);
    } else {
      expect(sample.ok).toBe(true);
    }
  });

  it("turns a bad config into a failed sample naming the field", async () => {
    const sample = await runProbe({
      ctx: { region: null, allow },
      input: { probe: { id: "bad", kind: k.name, url: k.healthy().url, timeout_ms: "soon" } },
    });
    expect(sample.ok).toBe(false);
    expect(sample.error).toMatch(/invalid probe config: .*timeout_ms/);
  });
});
