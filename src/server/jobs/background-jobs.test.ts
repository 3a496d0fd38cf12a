import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, createWorkspace } from "../../accounts/index.js";
import { memberCtx } from "../../context/testing.js";
import {
  type FakeVendor,
  insertProbe,
  ManualClock,
  parseAllowlist,
  probeRetentionJob,
  startFakeVendor,
} from "../../probes/index.js";
import type { Store } from "../../store/index.js";
import { openTestPglite } from "../../store/testing.js";
import { startImport } from "../../tickets/index.js";
import { startBackgroundJobs } from "./background-jobs.js";

let store: Store;
let vendor: FakeVendor;
let ws: string;

beforeAll(async () => {
  store = await openTestPglite();
  vendor = await startFakeVendor();
  const user = await createUser(store.db, {
    email: "bg@acme.test",
    name: "Bea",
    password: "correct horse battery",
  });
  ws = (await createWorkspace(store.db, { name: "Acme", adminId: user.id })).id;
});
afterAll(async () => {
  await vendor?.close();
  await store?.close();
});

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  for (let i = 0; i < ms / 10 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await cond()).toBe(true);
};
const countSamples = async (probeId: string) =>
  (await store.db.selectFrom("probe_samples").select("id").where("probe_id", "=", probeId).execute()).length;

describe("background jobs", () => {
  it("probes store samples; retention (as a recurring job and on demand) prunes them; stop() ends both", async () => {
    let wall = new Date("2026-11-01T00:00:00Z");
    const clock = new ManualClock(0);
    const probe = await insertProbe(store.db, {
      workspaceId: ws,
      vendorId: null,
      createdBy: null,
      probe: { url: `${vendor.url}/health`, interval_s: 60, timeout_ms: 2000 },
      now: wall,
    });
    const errors: unknown[] = [];
    const jobs = await startBackgroundJobs({
      db: store.db,
      store,
      allow: parseAllowlist(["127.0.0.1"]),
      clock,
      now: () => wall,
      random: () => 0,
      jobs: [probeRetentionJob],
      onError: (e) => errors.push(e),
    });
    try {
      await clock.advance(0);
      await waitFor(() => jobs.probes.stats().completed === 1);
      await jobs.probes.flush();
      expect(await countSamples(probe.id)).toBe(1);
      // a day later nothing is old enough to prune
      wall = new Date("2026-11-02T00:00:00Z");
      expect((await jobs.runRetention()).raw).toBe(0);
      // eight days later the retention job's next slot removes the raw sample (raw kept 7 days)
      wall = new Date("2026-11-09T00:00:00Z");
      expect(await jobs.runner?.tick()).toBe(1);
      await waitFor(async () => (await countSamples(probe.id)) === 0, 60_000);
      expect(errors).toEqual([]);
    } finally {
      await jobs.stop();
    }
    const done = jobs.probes.stats().completed;
    await clock.advance(3_600_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(jobs.probes.stats().completed).toBe(done);
    await jobs.stop();
  }, 120_000);
});

describe("background jobs: ticket imports", () => {
  it("resume an import an earlier process left running, to completion", async () => {
    const user = await createUser(store.db, {
      email: "imp@acme.test",
      name: "Ivo",
      password: "correct horse battery",
    });
    const wsId = (await createWorkspace(store.db, { name: "Imports", adminId: user.id })).id;
    const csv = [
      "external_id,created_at,severity,subject",
      "R-1,2026-03-02T09:00:00+08:00,P1,Login down",
      "R-2,2026-03-02T09:05:00+08:00,P2,Slow",
    ].join("\n");
    const job = await startImport({
      ctx: memberCtx(store, wsId, user.id, "editor", new Date("2026-03-10T00:00:00Z")),
      input: { format: "csv" },
      files: [{ name: "left-running.csv", bytes: new TextEncoder().encode(csv) }],
    });
    expect(job.status).toBe("running");
    const errors: unknown[] = [];
    const jobs = await startBackgroundJobs({
      db: store.db,
      clock: new ManualClock(0),
      onError: (e) => errors.push(e),
    });
    expect(await jobs.resumedImports).toBeGreaterThanOrEqual(1);
    await jobs.stop();
    const row = await store.db
      .selectFrom("import_jobs")
      .selectAll()
      .where("id", "=", job.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("done");
    const tickets = await store.db
      .selectFrom("tickets")
      .select("external_id")
      .where("workspace_id", "=", wsId)
      .execute();
    expect(tickets.map((t) => t.external_id).sort()).toEqual(["R-1", "R-2"]);
    expect(errors).toEqual([]);
  });
});
