import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  emptyMetrics,
  emptyTimings,
  type FakeVendor,
  type ProbeSample,
  SIGNATURE_HEADER,
  signBatchBody,
  startFakeVendor,
} from "../../probes/index.js";
import { buildTestApp, type TestApp } from "../testing.js";

let t: TestApp;
const now = new Date("2026-10-01T10:00:00Z");
beforeAll(async () => {
  t = await buildTestApp({ now: () => now });
});
afterAll(() => t.close());

const base = () => `/api/v1/workspaces/${t.ws}`;
const sample = (probeId: string, at: string, ok: boolean, total = 120): ProbeSample => ({
  probe_id: probeId,
  url: "https://api.vendor.example/v1/models",
  kind: "http",
  region: "sg",
  at,
  ok,
  degraded: false,
  blocked: false,
  attempt: 1,
  status: ok ? 200 : 503,
  error: ok ? null : "unexpected status 503",
  timings_ms: { ...emptyTimings(), total },
  metrics: emptyMetrics(),
});

describe("probe routes", () => {
  let probeId = "";

  it("creates a probe with defaults (editor)", async () => {
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/probes`,
      payload: { url: "https://api.vendor.example/v1/models", regions: ["sg"] },
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      kind: "http",
      interval_s: 60,
      timeout_ms: 10_000,
      retries: 0,
      regions: ["sg"],
      version: 1,
    });
    probeId = p.id;
  });

  it.each([
    [
      "a bad kind config names the field",
      { url: "https://x.example", config: { expect: { status: ["ok"] } } },
      /config\.expect\.status/,
    ],
    ["a bad interval names the field", { url: "https://x.example", interval_s: 1 }, /interval_s/],
    [
      "jitter must be below the interval",
      { url: "https://x.example", interval_s: 10, jitter_s: 10 },
      /jitter_s/,
    ],
  ])("%s (400)", async (_n, payload, detail) => {
    const res = await t.as(t.users.editor, { method: "POST", url: `${base()}/probes`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(detail);
  });

  it("forbids viewers to create (403) and hides the workspace from outsiders (404)", async () => {
    const payload = { url: "https://x.example" };
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: `${base()}/probes`, payload })).statusCode,
    ).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: `${base()}/probes` })).statusCode).toBe(404);
  });

  it("lists, reads, patches with versions, and 409s a stale version", async () => {
    const list = await t.as(t.users.viewer, { method: "GET", url: `${base()}/probes` });
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(probeId);
    const patched = await t.as(t.users.editor, {
      method: "PATCH",
      url: `${base()}/probes/${probeId}`,
      payload: { interval_s: 30, version: 1 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      interval_s: 30,
      version: 2,
      url: "https://api.vendor.example/v1/models",
    });
    const stale = await t.as(t.users.editor, {
      method: "PATCH",
      url: `${base()}/probes/${probeId}`,
      payload: { interval_s: 45, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
  });

  describe("agents", () => {
    let token = "";
    let otherProbe = "";
    const push = (body: object, opts: { token?: string; signature?: string } = {}) => {
      const raw = JSON.stringify(body);
      return t.app.inject({
        method: "POST",
        url: "/api/v1/agent/batches",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${opts.token ?? token}`,
          [SIGNATURE_HEADER]: opts.signature ?? signBatchBody(raw, opts.token ?? token),
        },
        payload: raw,
      });
    };

    beforeAll(async () => {
      const res = await t.as(t.users.admin, {
        method: "POST",
        url: `${base()}/agents`,
        payload: { name: "sg-1", region: "sg" },
      });
      expect(res.statusCode).toBe(201);
      token = res.json().token;
      const other = await t.as(t.users.outsider, {
        method: "POST",
        url: `/api/v1/workspaces/${t.otherWs}/probes`,
        payload: { url: "https://o.example" },
      });
      otherProbe = other.json().id;
    });

    it("only admins register agents, and the token is not listed", async () => {
      expect(
        (
          await t.as(t.users.editor, {
            method: "POST",
            url: `${base()}/agents`,
            payload: { name: "x", region: "fra" },
          })
        ).statusCode,
      ).toBe(403);
      const list = await t.as(t.users.viewer, { method: "GET", url: `${base()}/agents` });
      expect(JSON.stringify(list.json())).not.toContain(token);
    });

    it("gives an agent the probes of its region", async () => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/agent/probes?region=sg",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().probes.map((p: { id: string }) => p.id)).toEqual([probeId]);
      const wrong = await t.app.inject({
        method: "GET",
        url: "/api/v1/agent/probes?region=fra",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(wrong.statusCode).toBe(403);
      const anon = await t.app.inject({ method: "GET", url: "/api/v1/agent/probes?region=sg" });
      expect(anon.statusCode).toBe(401);
    });

    it("stores a signed batch once; a resend is a duplicate, nothing doubled", async () => {
      const batch = {
        batch_id: "batch-0001",
        sent_at: now.toISOString(),
        region: "sg",
        samples: [
          sample(probeId, "2026-10-01T09:59:10Z", true, 100),
          sample(probeId, "2026-10-01T09:59:40Z", false),
          sample(otherProbe, "2026-10-01T09:59:40Z", true),
        ],
      };
      const first = await push(batch);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ duplicate: false, stored: 2, rejected: 1, skew_flagged: false });
      const again = await push(batch);
      expect(again.json()).toMatchObject({ duplicate: true, stored: 0 });
      const samples = await t.as(t.users.viewer, {
        method: "GET",
        url: `${base()}/probes/${probeId}/samples`,
      });
      expect(samples.json().items).toHaveLength(2);
      const rollups = await t.as(t.users.viewer, {
        method: "GET",
        url: `${base()}/probes/${probeId}/rollups?resolution=minute`,
      });
      expect(rollups.json().items).toEqual([
        expect.objectContaining({ region: "sg", count: 2, ok: 1, fail: 1 }),
      ]);
    });

    it("refuses a wrong signature (401) and an unknown token (401)", async () => {
      const batch = { batch_id: "batch-0002", sent_at: now.toISOString(), region: "sg", samples: [] };
      expect((await push(batch, { signature: "sha256=00" })).statusCode).toBe(401);
      expect((await push(batch, { token: "tsa_nope" })).statusCode).toBe(401);
    });

    it("flags clock skew and stores the server's receive time", async () => {
      const batch = {
        batch_id: "batch-0003",
        sent_at: new Date(now.getTime() - 5 * 60_000).toISOString(),
        region: "sg",
        samples: [sample(probeId, "2026-10-01T09:55:00Z", true)],
      };
      const res = await push(batch);
      expect(res.json()).toMatchObject({ skew_flagged: true, skew_ms: 300_000 });
      const samples = await t.as(t.users.viewer, {
        method: "GET",
        url: `${base()}/probes/${probeId}/samples?limit=1&from=2026-10-01T09:54:00Z&to=2026-10-01T09:56:00Z`,
      });
      expect(samples.json().items[0]).toMatchObject({ skew_flagged: true, received_at: now.toISOString() });
      // The agents list shows the skew of each agent's latest batch.
      const agents = await t.as(t.users.viewer, { method: "GET", url: `${base()}/agents` });
      expect(agents.json().items.find((a: { region: string }) => a.region === "sg")).toMatchObject({
        last_skew_ms: 300_000,
        skew_flagged: true,
      });
    });

    it("refuses samples dated outside the batch, before the probe, too old or ahead, and counts each reason", async () => {
      const at = (iso: string) => sample(probeId, iso, false);
      const res = await push({
        batch_id: "batch-0005",
        sent_at: now.toISOString(),
        region: "sg",
        samples: [
          at("1970-01-01T00:00:00Z"),
          at("2036-01-01T00:00:00Z"),
          at("2026-09-01T10:00:00Z"),
          at("2026-10-01T09:58:00Z"),
          sample(otherProbe, "2026-10-01T09:58:00Z", true),
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        stored: 1,
        rejected: 4,
        rejected_by_reason: { outside_batch_window: 3, unknown_probe: 1 },
      });
      // a batch signed in the past (its own window then holds the old dates) is still bounded by the server's clock
      const old = await push({
        batch_id: "batch-0006",
        sent_at: "2026-09-01T10:00:30Z",
        region: "sg",
        samples: [at("2026-09-01T10:00:00Z")],
      });
      expect(old.json()).toMatchObject({ stored: 0, rejected_by_reason: { too_old: 1 } });
      const early = await push({
        batch_id: "batch-0007",
        sent_at: now.toISOString(),
        region: "sg",
        samples: [at("2026-09-30T10:00:00Z")],
      });
      expect(early.json()).toMatchObject({ stored: 0, rejected_by_reason: { before_probe_created: 1 } });
      const stored = await t.as(t.users.viewer, {
        method: "GET",
        url: `${base()}/probes/${probeId}/samples?from=1969-01-01T00:00:00Z&to=2040-01-01T00:00:00Z&limit=100`,
      });
      const dates = stored.json().items.map((s: { sample: { at: string } }) => s.sample.at.slice(0, 4));
      expect(dates.filter((y: string) => y !== "2026")).toEqual([]);
    });

    it("handles an agent clock a month ahead without overflow: flagged, its samples refused as ahead", async () => {
      const ahead = new Date(now.getTime() + 30 * 86_400_000);
      const res = await push({
        batch_id: "batch-0008",
        sent_at: ahead.toISOString(),
        region: "sg",
        samples: [sample(probeId, ahead.toISOString(), true)],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        skew_flagged: true,
        stored: 0,
        rejected_by_reason: { in_the_future: 1 },
      });
    });

    it("refuses an impossible sample date and unbounded strings (400, one line)", async () => {
      for (const [i, bad] of [
        { at: "2026-02-30T00:00:00Z" },
        { at: "yesterday" },
        { error: "x".repeat(100_000) },
        { region: "r".repeat(10_000) },
        { status: 2 ** 40 },
      ].entries()) {
        const res = await push({
          batch_id: `batch-bad-${i}`,
          sent_at: now.toISOString(),
          region: "sg",
          samples: [{ ...sample(probeId, "2026-10-01T09:58:00Z", true), ...bad }],
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().detail).toMatch(/^body\.samples\.0\.\w+: [^\n]+$/);
      }
    });

    it("rejects a malformed batch naming the field (400)", async () => {
      const res = await push({
        batch_id: "batch-0004",
        sent_at: now.toISOString(),
        region: "sg",
        samples: [{ probe_id: probeId }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/samples\.0/);
    });

    it("a revoked agent is refused", async () => {
      const created = await t.as(t.users.admin, {
        method: "POST",
        url: `${base()}/agents`,
        payload: { name: "tmp", region: "sg" },
      });
      const { id, token: tmpToken } = created.json();
      expect(
        (await t.as(t.users.admin, { method: "DELETE", url: `${base()}/agents/${id}` })).statusCode,
      ).toBe(204);
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/agent/probes?region=sg",
        headers: { authorization: `Bearer ${tmpToken}` },
      });
      expect(res.statusCode).toBe(401);
    });
  });

  it("deletes a probe (editor) and then 404s", async () => {
    expect(
      (await t.as(t.users.editor, { method: "DELETE", url: `${base()}/probes/${probeId}` })).statusCode,
    ).toBe(204);
    expect(
      (await t.as(t.users.viewer, { method: "GET", url: `${base()}/probes/${probeId}` })).statusCode,
    ).toBe(404);
  });
});

describe("probe routes in the OpenAPI document", () => {
  it("documents the probe, sample, rollup, agent and batch routes", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      "/api/v1/workspaces/{ws}/probes",
      "/api/v1/workspaces/{ws}/probes/{id}",
      "/api/v1/workspaces/{ws}/probes/{id}/samples",
      "/api/v1/workspaces/{ws}/probes/{id}/rollups",
      "/api/v1/workspaces/{ws}/agents",
      "/api/v1/agent/probes",
      "/api/v1/agent/batches",
    ]) {
      expect(paths).toContain(p);
    }
  });
});

describe("run a probe now from the server", () => {
  let vendor: FakeVendor;
  const saved = process.env.TERMSIGHT_PROBE_ALLOW;
  beforeAll(async () => {
    vendor = await startFakeVendor();
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.TERMSIGHT_PROBE_ALLOW;
    else process.env.TERMSIGHT_PROBE_ALLOW = saved;
    await vendor.close();
  });
  const create = async (url: string) =>
    (
      await t.as(t.users.editor, {
        method: "POST",
        url: `${base()}/probes`,
        payload: { url, timeout_ms: 2000 },
      })
    ).json().id as string;

  it("refuses a loopback target unless the server's allowlist has it (403), then stores the sample", async () => {
    const id = await create(`${vendor.url}/health`);
    delete process.env.TERMSIGHT_PROBE_ALLOW;
    const refused = await t.as(t.users.editor, { method: "POST", url: `${base()}/probes/${id}/run` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/blocked/);
    process.env.TERMSIGHT_PROBE_ALLOW = "127.0.0.1";
    const ran = await t.as(t.users.editor, { method: "POST", url: `${base()}/probes/${id}/run` });
    expect(ran.statusCode).toBe(200);
    expect(ran.json()).toMatchObject({ ok: true, status: 200, region: "server", probe_id: id });
    const samples = await t.as(t.users.viewer, { method: "GET", url: `${base()}/probes/${id}/samples` });
    expect(samples.json().items).toHaveLength(1);
  });

  it("refuses the cloud metadata address even with a loopback allowlist", async () => {
    process.env.TERMSIGHT_PROBE_ALLOW = "127.0.0.1";
    const id = await create("http://169.254.169.254/latest/meta-data/");
    const res = await t.as(t.users.editor, { method: "POST", url: `${base()}/probes/${id}/run` });
    expect(res.statusCode).toBe(403);
  });

  it("viewers cannot run probes (403)", async () => {
    const id = await create(`${vendor.url}/health`);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: `${base()}/probes/${id}/run` })).statusCode,
    ).toBe(403);
  });
});
