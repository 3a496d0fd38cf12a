import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../fake-vendor/index.js";
import type { ProbeSample } from "../sample.js";
import { parseAllowlist } from "../ssrf-guard.js";
import { SIGNATURE_HEADER, verifyBatchSignature } from "../storage/ingest-batch.js";
import { startAgent } from "./agent-client.js";

const TOKEN = "tsa_test-token";

/** A stand-in server: serves a probe set, stores batches by id; when "down", batch uploads are cut. */
function agentServer(probes: object[]) {
  const state = {
    down: false,
    batches: new Map<string, ProbeSample[]>(),
    duplicates: 0,
    badSignatures: 0,
    posts: 0,
  };
  const read = (req: IncomingMessage) =>
    new Promise<string>((r) => {
      let b = "";
      req.on("data", (c) => {
        b += c;
      });
      req.on("end", () => r(b));
    });
  const server: Server = createServer(async (req, res) => {
    if (state.down && req.method === "POST") return req.socket.destroy();
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
    if (req.method === "GET")
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ probes }));
    const body = await read(req);
    state.posts++;
    if (!verifyBatchSignature(body, TOKEN, req.headers[SIGNATURE_HEADER] as string)) {
      state.badSignatures++;
      return res.writeHead(401).end();
    }
    const batch = JSON.parse(body) as { batch_id: string; samples: ProbeSample[] };
    const duplicate = state.batches.has(batch.batch_id);
    if (duplicate) state.duplicates++;
    else state.batches.set(batch.batch_id, batch.samples);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ duplicate }));
  });
  return { server, state };
}

let vendor: FakeVendor;
const dirs: string[] = [];
const servers: Server[] = [];
beforeAll(async () => {
  vendor = await startFakeVendor();
});
afterAll(async () => {
  await vendor.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function listen(s: Server): Promise<string> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

const probes = () =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `p${i}`,
    url: `${vendor.url}/health`,
    interval_s: 3600,
    timeout_ms: 2000,
  }));
const bufferDir = () => {
  const d = mkdtempSync(join(tmpdir(), "termsight-agent-"));
  dirs.push(d);
  return d;
};
const common = {
  token: TOKEN,
  region: "sg",
  allow: parseAllowlist(["127.0.0.1"]),
  random: () => 0,
  flushIntervalMs: 60_000,
  batchMaxSamples: 2,
};
const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("probe agent", () => {
  it("fetches its probe set, runs it, and pushes signed batches carrying the region", async () => {
    const { server, state } = agentServer(probes());
    const agent = await startAgent({ ...common, server: await listen(server), bufferDir: bufferDir() });
    await waitFor(() => agent.stats().samples === 6);
    await agent.stop();
    const all = [...state.batches.values()].flat();
    expect(all).toHaveLength(6);
    expect(all.every((s) => s.region === "sg" && s.ok)).toBe(true);
    expect(state.badSignatures).toBe(0);
  });

  it("buffers to disk while the server is down and resends after: nothing lost, nothing doubled", async () => {
    const { server, state } = agentServer(probes());
    const url = await listen(server);
    const dir = bufferDir();
    const agent = await startAgent({ ...common, server: url, bufferDir: dir });
    state.down = true;
    await waitFor(() => agent.stats().samples === 6);
    await agent.flush();
    expect(state.batches.size).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    const buffered = files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).samples.length);
    expect(buffered.reduce((a, b) => a + b, 0)).toBe(6);
    state.down = false;
    await agent.flush();
    await agent.stop();
    const all = [...state.batches.values()].flat();
    expect(all.map((s) => s.probe_id).sort()).toEqual(["p0", "p1", "p2", "p3", "p4", "p5"]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toEqual([]);
  });

  it("resends a batch whose acknowledgement was lost; the server stores it once", async () => {
    const { server, state } = agentServer(probes().slice(0, 2));
    const url = await listen(server);
    const dir = bufferDir();
    // the first POST reaches the server, but the answer is lost on the way back
    let cut = true;
    const lossyFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === "POST" && cut) {
        cut = false;
        throw new TypeError("fetch failed (connection reset)");
      }
      return res;
    };
    const agent = await startAgent({ ...common, server: url, bufferDir: dir, fetch: lossyFetch });
    await waitFor(() => agent.stats().samples === 2);
    await agent.flush();
    await agent.flush();
    await agent.stop();
    expect(state.batches.size).toBe(1);
    expect(state.duplicates).toBe(1);
    expect([...state.batches.values()].flat()).toHaveLength(2);
  });

  it("a restarted agent sends what the previous one buffered", async () => {
    const { server, state } = agentServer(probes().slice(0, 2));
    const url = await listen(server);
    const dir = bufferDir();
    state.down = true;
    const first = await startAgent({ ...common, server: url, bufferDir: dir });
    await waitFor(() => first.stats().samples === 2);
    await first.stop();
    expect(state.batches.size).toBe(0);
    const buffered = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5));
    expect(buffered.length).toBeGreaterThan(0);
    state.down = false;
    const second = await startAgent({ ...common, server: url, bufferDir: dir });
    await second.stop();
    for (const id of buffered) expect(state.batches.has(id)).toBe(true);
    expect(state.duplicates).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toEqual([]);
  });
});
