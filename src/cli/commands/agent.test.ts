import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, insertProbe, startFakeVendor } from "../../probes/index.js";
import { buildTestApp, type TestApp } from "../../server/testing.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

let vendor: FakeVendor;
let t: TestApp;
let serverUrl = "";
let dir = "";
beforeAll(async () => {
  vendor = await startFakeVendor();
  t = await buildTestApp();
  serverUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
  dir = mkdtempSync(join(tmpdir(), "termsight-agent-cli-"));
});
afterAll(async () => {
  await t.close();
  await vendor.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("termsight agent", () => {
  it("runs its region's probes once against the real server and stores the samples with the region", async () => {
    const ws = `/api/v1/workspaces/${t.ws}`;
    const made = await t.as(t.users.editor, {
      method: "POST",
      url: `${ws}/probes`,
      payload: { url: `${vendor.url}/health`, regions: ["sg"] },
    });
    await t.as(t.users.editor, {
      method: "POST",
      url: `${ws}/probes`,
      payload: { url: `${vendor.url}/status/503`, regions: ["fra"] },
    });
    const agent = await t.as(t.users.admin, {
      method: "POST",
      url: `${ws}/agents`,
      payload: { name: "sg-1", region: "sg" },
    });
    const io = memoryIo("", dir);
    const code = await main(
      [
        "agent",
        "--server",
        serverUrl,
        "--token",
        agent.json().token,
        "--region",
        "sg",
        "--allow",
        "127.0.0.1",
        "--once",
      ],
      io,
    );
    expect(io.err).not.toContain(agent.json().token);
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ region: "sg", probes: 1, samples: 1, pending: 0 });
    const samples = await t.as(t.users.viewer, {
      method: "GET",
      url: `${ws}/probes/${made.json().id}/samples`,
    });
    expect(
      samples
        .json()
        .items.map((s: { sample: { region: string; ok: boolean } }) => [s.sample.region, s.sample.ok]),
    ).toEqual([["sg", true]]);
  });

  it("substitutes only the --probe-env variables of its host, never the rest of its environment", async () => {
    const received: string[] = [];
    const target = createServer((req, res) => {
      received.push(`${req.url} ${JSON.stringify(req.headers)}`);
      res.end("ok");
    });
    await new Promise<void>((done) => target.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
    const ph = (name: string) => ["$", `{env:${name}}`].join("");
    try {
      // stored directly: the server's save-time check is not what protects the agent's host
      for (const [path, name] of [
        ["leak", "AGENT_HOST_SECRET"],
        ["ok", "AGENT_OK"],
      ])
        await insertProbe(t.store.db, {
          workspaceId: t.ws,
          vendorId: null,
          createdBy: null,
          probe: { url: `${url}/${path}`, regions: ["envs"], config: { headers: { "x-k": ph(name) } } },
          now: new Date(),
        });
      const agent = await t.as(t.users.admin, {
        method: "POST",
        url: `/api/v1/workspaces/${t.ws}/agents`,
        payload: { name: "envs-1", region: "envs" },
      });
      const io = memoryIo("", dir);
      io.env = { ...io.env, AGENT_HOST_SECRET: "host-secret-123456", AGENT_OK: "allowed-654321" };
      const args = ["--server", serverUrl, "--token", agent.json().token, "--region", "envs"];
      await main(["agent", ...args, "--allow", "127.0.0.1", "--probe-env", "AGENT_OK", "--once"], io);
      const all = received.join("\n");
      expect(all).toContain("allowed-654321");
      expect(all).not.toContain("host-secret-123456");
      expect(received.some((r) => r.startsWith("/leak"))).toBe(false);
    } finally {
      await new Promise((done) => target.close(done));
    }
  });

  it.each([
    ["no server", ["--token", "t", "--region", "sg"]],
    ["no region", ["--server", "http://127.0.0.1:1", "--token", "t"]],
    ["bad server url", ["--server", "ftp://x", "--token", "t", "--region", "sg"]],
    [
      "bad concurrency",
      ["--server", "http://127.0.0.1:1", "--token", "t", "--region", "sg", "--concurrency", "0"],
    ],
  ])("bad usage (%s) exits 2", async (_n, args) => {
    const io = memoryIo("", dir);
    io.env.TERMSIGHT_AGENT_TOKEN = "";
    expect(await main(["agent", ...(args as string[])], io)).toBe(2);
  });
});
