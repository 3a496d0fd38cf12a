import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProbeSample, storeSamples } from "../../probes/index.js";
import { jsonb, openStore } from "../../store/index.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

function sample(region: string, at: string, connect: number): ProbeSample {
  return {
    probe_id: "p1",
    url: "https://rtc.example/health",
    kind: "http",
    region,
    at,
    ok: true,
    degraded: false,
    blocked: false,
    attempt: 1,
    status: 200,
    error: null,
    timings_ms: {
      dns: 1,
      connect,
      tls: null,
      first_byte: connect + 10,
      first_token: null,
      total: connect + 20,
    },
    metrics: {
      body_bytes: null,
      tokens: null,
      tokens_per_s: null,
      stream_errors: null,
      first_message_ms: null,
      cert_days_left: null,
      redirects: null,
    },
  };
}

describe("termsight latency", () => {
  const dir = mkdtempSync(join(tmpdir(), "termsight-cli-latency-"));
  beforeAll(async () => {
    const store = await openStore({ dataDir: join(dir, "data") });
    const db = store.db;
    await db.insertInto("workspaces").values({ id: "w1", name: "Acme" }).execute();
    await db.insertInto("vendors").values({ id: "v1", workspace_id: "w1", name: "RTC Vendor" }).execute();
    await db
      .insertInto("contracts")
      .values({
        id: "c1",
        workspace_id: "w1",
        vendor_id: "v1",
        name: "RTC 协议",
        terms_yaml: "schema: termsight.terms/v1",
        terms: jsonb({
          schema: "termsight.terms/v1",
          commitments: {},
          latency: [{ metric: "connect", stat: "each", below_ms: 600 }],
        }),
        valid_from: null,
        valid_to: null,
        created_by: null,
      })
      .execute();
    await db
      .insertInto("probes")
      .values({
        id: "p1",
        workspace_id: "w1",
        vendor_id: "v1",
        name: "connect",
        kind: "http",
        url: "https://rtc.example/health",
        interval_s: 60,
        jitter_s: 0,
        timeout_ms: 3000,
        retries: 0,
        regions: jsonb(["sg", "fra"]),
        config: jsonb({}),
        enabled: true,
        created_by: null,
      })
      .execute();
    await storeSamples(db, {
      workspaceId: "w1",
      agentId: null,
      batchId: null,
      receivedAt: new Date("2026-11-20T00:00:00Z"),
      skewFlagged: false,
      samples: [
        sample("sg", "2026-11-10T01:00:00Z", 200),
        sample("sg", "2026-11-10T01:01:00Z", 1500),
        sample("fra", "2026-11-10T01:00:00Z", 300),
      ],
    });
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    const io = memoryIo("", dir);
    io.env.DATABASE_URL = "";
    const code = await main(["latency", ...args, "--data", "data"], io);
    return { code, io };
  };

  it("judges each region; a breach exits 1 and names the region and the breaching samples", async () => {
    const { code, io } = await run(["--contract", "RTC 协议", "--period", "2026-11"]);
    expect(code).toBe(1);
    const out = io.out;
    expect(out).toContain("connect each < 600 ms per period: false");
    expect(out).toMatch(/sg\s+1500 ms {2}1\/1 windows breached {2}1 of 2 samples at or over/);
    expect(out).toMatch(/fra\s+300 ms {2}0\/1 windows breached/);
    const json = await run(["--contract", "c1", "--period", "2026-11", "--format", "json"]);
    expect(JSON.parse(json.io.out)).toMatchObject({ schema: "termsight.latency/v1", met: false });
  });

  it("bad input is one line naming the input, exit 2", async () => {
    const noPeriod = await run(["--contract", "c1"]);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.io.err).toMatch(/--period/);
    const unknown = await run(["--contract", "nope", "--period", "2026-11"]);
    expect(unknown.code).toBe(2);
    expect(unknown.io.err).toMatch(/--contract.*no contract "nope"/);
  });
});
