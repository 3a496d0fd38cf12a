import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, createWorkspace } from "../../accounts/index.js";
import {
  type FakeVendor,
  insertProbe,
  ManualClock,
  parseAllowlist,
  startFakeVendor,
} from "../../probes/index.js";
import type { Store } from "../../store/index.js";
import { openTestPglite } from "../../store/testing.js";
import { serverProbeAllowlist } from "./probe-allowlist.js";
import { startServerProbes } from "./server-probes.js";

let store: Store;
let vendor: FakeVendor;
let ws: string;
let otherWs: string;
const LOCAL = parseAllowlist(["127.0.0.1"]);

beforeAll(async () => {
  store = await openTestPglite();
  vendor = await startFakeVendor();
  const user = await createUser(store.db, {
    email: "jobs@acme.test",
    name: "Jo",
    password: "correct horse battery",
  });
  ws = (await createWorkspace(store.db, { name: "Acme", adminId: user.id })).id;
  otherWs = (await createWorkspace(store.db, { name: "Other", adminId: user.id })).id;
});
afterAll(async () => {
  await vendor?.close();
  await store?.close();
});

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};
const addProbe = (workspaceId: string, probe: object) =>
  insertProbe(store.db, {
    workspaceId,
    vendorId: null,
    createdBy: null,
    probe: { url: `${vendor.url}/health`, interval_s: 60, timeout_ms: 2000, ...probe },
    now: new Date(),
  });
const samplesOf = (probeId: string) =>
  store.db.selectFrom("probe_samples").selectAll().where("probe_id", "=", probeId).execute();
const rollupsOf = (probeId: string) =>
  store.db.selectFrom("probe_rollups").selectAll().where("probe_id", "=", probeId).execute();

describe("server probes", () => {
  it("runs the stored probes of its region against an allowed 127.0.0.1 and stores samples and rollups", async () => {
    const clock = new ManualClock(0);
    const mine = await addProbe(ws, { name: "mine", regions: ["server"] });
    const everywhere = await addProbe(otherWs, { name: "everywhere" });
    const elsewhere = await addProbe(ws, { name: "elsewhere", regions: ["sg"] });
    const off = await addProbe(ws, { name: "off", enabled: false });
    const jobs = await startServerProbes({
      db: store.db,
      allow: LOCAL,
      clock,
      random: () => 0,
      flushMs: 100,
    });
    try {
      expect(jobs.stats().probes).toBe(2);
      await clock.advance(0);
      await waitFor(() => jobs.stats().completed === 2);
      await clock.advance(100);
      await jobs.flush();
      const [a] = await samplesOf(mine.id);
      expect(a).toMatchObject({ workspace_id: ws, region: "server", ok: true, status: 200, agent_id: null });
      expect((await samplesOf(everywhere.id))[0]).toMatchObject({ workspace_id: otherWs, ok: true });
      expect(await samplesOf(elsewhere.id)).toHaveLength(0);
      expect(await samplesOf(off.id)).toHaveLength(0);
      const rollups = await rollupsOf(mine.id);
      expect(rollups.map((r) => r.resolution).sort()).toEqual(["day", "hour", "minute"]);
      expect(rollups.every((r) => r.count === 1 && r.ok === 1 && r.region === "server")).toBe(true);
      // the next run comes one interval later
      await clock.advance(60_000);
      await waitFor(() => jobs.stats().completed === 4);
      await jobs.flush();
      expect(await samplesOf(mine.id)).toHaveLength(2);
      expect(jobs.stats().stored).toBe(4);
    } finally {
      await jobs.stop();
      await store.db.deleteFrom("probes").execute();
    }
  });

  it("picks up probes added through the API on the next refresh; stop() stops everything", async () => {
    const clock = new ManualClock(0);
    const jobs = await startServerProbes({
      db: store.db,
      allow: LOCAL,
      clock,
      random: () => 0,
      refreshMs: 30_000,
      flushMs: 100,
    });
    expect(jobs.stats().probes).toBe(0);
    const late = await addProbe(ws, { name: "late" });
    await clock.advance(30_000);
    await waitFor(() => jobs.stats().probes === 1);
    await clock.advance(0);
    await waitFor(() => jobs.stats().completed === 1);
    await jobs.stop();
    // stop() stored what was buffered
    expect(await samplesOf(late.id)).toHaveLength(1);
    const requests = vendor.stats().requests;
    await clock.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(jobs.stats().completed).toBe(1);
    expect(vendor.stats().requests).toBe(requests);
    expect(await samplesOf(late.id)).toHaveLength(1);
    await jobs.stop(); // idempotent
    await store.db.deleteFrom("probes").execute();
  });

  it("without an allowlist the SSRF guard refuses 127.0.0.1 (a blocked sample, no request)", async () => {
    const clock = new ManualClock(0);
    const p = await addProbe(ws, { name: "guarded" });
    const requests = vendor.stats().requests;
    const jobs = await startServerProbes({ db: store.db, clock, random: () => 0 });
    try {
      await clock.advance(0);
      await waitFor(() => jobs.stats().completed === 1);
      await jobs.flush();
      const rows = await samplesOf(p.id);
      expect(rows).toMatchObject([{ ok: false, sample: { blocked: true } }]);
      expect(vendor.stats().requests).toBe(requests);
    } finally {
      await jobs.stop();
      await store.db.deleteFrom("probes").execute();
    }
  });

  it("drops samples of a probe deleted while it ran", async () => {
    const clock = new ManualClock(0);
    const p = await addProbe(ws, { name: "doomed" });
    const jobs = await startServerProbes({ db: store.db, allow: LOCAL, clock, random: () => 0 });
    try {
      await clock.advance(0);
      await waitFor(() => jobs.stats().completed === 1);
      await store.db.deleteFrom("probes").where("id", "=", p.id).execute();
      expect(await jobs.flush()).toBe(0);
      expect(await samplesOf(p.id)).toHaveLength(0);
    } finally {
      await jobs.stop();
    }
  });
});

describe("server probes when the store fails", () => {
  it("reports each failed refresh through onError and keeps its timer; stop() still works", async () => {
    const broken = await openTestPglite();
    const clock = new ManualClock(0);
    const errors: unknown[] = [];
    const jobs = await startServerProbes({
      db: broken.db,
      clock,
      refreshMs: 1000,
      onError: (e) => errors.push(e),
    });
    await broken.close();
    await clock.advance(1000);
    await waitFor(() => errors.length === 1);
    await clock.advance(1000);
    await waitFor(() => errors.length === 2);
    await jobs.stop();
    await clock.advance(5000);
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toHaveLength(2);
  });
});

describe("serverProbeAllowlist", () => {
  it.each([
    { env: {}, hosts: [], cidrs: 0 },
    { env: { TERMSIGHT_PROBE_ALLOW: "" }, hosts: [], cidrs: 0 },
    {
      env: { TERMSIGHT_PROBE_ALLOW: "127.0.0.1, vendor.internal,10.0.0.0/8" },
      hosts: ["vendor.internal"],
      cidrs: 2,
    },
  ])("$env", ({ env, hosts, cidrs }) => {
    const allow = serverProbeAllowlist(env);
    expect(allow.hosts).toEqual(hosts);
    expect(allow.cidrs).toHaveLength(cidrs);
  });

  it("a bad entry names the variable", () => {
    expect(() => serverProbeAllowlist({ TERMSIGHT_PROBE_ALLOW: "http://x/y" })).toThrow(
      /TERMSIGHT_PROBE_ALLOW/,
    );
  });
});
