import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../../probes/index.js";
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
