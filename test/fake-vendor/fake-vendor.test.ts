import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeVendor, startFakeVendor } from "./index.js";

let vendor: FakeVendor;
let clock = new Date("2026-10-01T00:00:00Z");
beforeAll(async () => {
  vendor = await startFakeVendor({ now: () => clock });
});
afterAll(() => vendor.close());

const get = (path: string, init?: RequestInit) => fetch(`${vendor.url}${path}`, init);

describe("fake vendor", () => {
  it("listens on 127.0.0.1 only", () => {
    expect(new URL(vendor.url).hostname).toBe("127.0.0.1");
    expect(new URL(vendor.wsUrl).hostname).toBe("127.0.0.1");
  });

  it("answers health and a non-streaming chat completion", async () => {
    expect((await get("/health")).status).toBe(200);
    const res = await get("/v1/chat/completions", { method: "POST", body: JSON.stringify({ messages: [] }) });
    expect((await res.json()).choices[0].message.content).toBe("OK");
  });

  it("streams an OpenAI-compatible SSE completion ending in [DONE]", async () => {
    const res = await get("/v1/chat/completions", { method: "POST", body: JSON.stringify({ stream: true }) });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const text = await res.text();
    expect(text.match(/^data: \{/gm)).toHaveLength(5);
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);
  });

  it("serves 5xx at the configured rate", async () => {
    vendor.setFaults({ errorRate: 1, errorStatus: 502 });
    expect((await get("/health")).status).toBe(502);
    vendor.setFaults({ errorRate: 0 });
    expect((await get("/health")).status).toBe(200);
  });

  it("applies outage windows by its injected clock", async () => {
    vendor.setFaults({ outages: [{ from: "2026-10-01T00:10:00Z", to: "2026-10-01T00:20:00Z" }] });
    clock = new Date("2026-10-01T00:09:59Z");
    expect((await get("/health")).status).toBe(200);
    clock = new Date("2026-10-01T00:10:00Z");
    expect((await get("/health")).status).toBe(503);
    clock = new Date("2026-10-01T00:20:00Z");
    expect((await get("/health")).status).toBe(200);
    vendor.setFaults({});
  });

  it("takes faults through the admin endpoint and counts them", async () => {
    await get("/admin/faults", { method: "POST", body: JSON.stringify({ rateLimitRate: 1 }) });
    expect((await get("/health")).status).toBe(429);
    const stats = await (await get("/admin/stats")).json();
    expect(stats.faults.rateLimited).toBeGreaterThanOrEqual(1);
    vendor.setFaults({});
  });

  it("drops streams mid-way when told", async () => {
    vendor.setFaults({ dropStreamRate: 1 });
    const res = await get("/v1/chat/completions", { method: "POST", body: JSON.stringify({ stream: true }) });
    await expect(res.text()).rejects.toThrow();
    vendor.setFaults({});
  });

  it("answers WebSocket signalling: ping → pong, join → joined, else echo", async () => {
    const ws = new WebSocket(vendor.wsUrl);
    await new Promise((r) => ws.once("open", r));
    const ask = (msg: string) =>
      new Promise<string>((resolve) => {
        ws.once("message", (d) => resolve(d.toString()));
        ws.send(msg);
      });
    expect(JSON.parse(await ask('{"type":"ping"}'))).toEqual({ type: "pong" });
    expect(JSON.parse(await ask('{"type":"join","room":"r9"}'))).toEqual({ type: "joined", room: "r9" });
    expect(await ask("hello")).toBe("hello");
    ws.close();
  });
});
