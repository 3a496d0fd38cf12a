import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { emptyMetrics, emptyTimings, type ProbeSample } from "../sample.js";
import { insertProbe } from "./probe-repo.js";
import { probeRetentionJob } from "./retention-job.js";
import { listRollups, listSamples } from "./sample-queries.js";
import { applyRetention, storeSamples } from "./sample-store.js";

const sample = (probeId: string, at: string, ok: boolean, total: number): ProbeSample => ({
  probe_id: probeId,
  url: "https://x.example",
  kind: "http",
  region: "fra",
  at,
  ok,
  degraded: false,
  blocked: false,
  attempt: 1,
  status: ok ? 200 : 503,
  error: ok ? null : "x",
  timings_ms: { ...emptyTimings(), total },
  metrics: emptyMetrics(),
});

describe.each(storeBackends())("probe samples on $name", ({ open }) => {
  let store: Store;
  let ws = "";
  let probeId = "";
  beforeAll(async () => {
    store = await open();
    ws = newId();
    await store.db.insertInto("workspaces").values({ id: ws, name: "w" }).execute();
    probeId = (
      await insertProbe(store.db, {
        workspaceId: ws,
        vendorId: null,
        createdBy: null,
        probe: { url: "https://x.example" },
        now: new Date(),
      })
    ).id;
  });
  afterAll(() => store?.close());

  it("adds rollups from separate batches instead of overwriting them", async () => {
    const put = (samples: ProbeSample[]) =>
      storeSamples(store.db, {
        workspaceId: ws,
        agentId: null,
        batchId: null,
        receivedAt: new Date("2026-10-01T10:05:00Z"),
        skewFlagged: false,
        samples,
      });
    await put([
      sample(probeId, "2026-10-01T10:00:10Z", true, 100),
      sample(probeId, "2026-10-01T10:00:20Z", false, 50),
    ]);
    await put([
      sample(probeId, "2026-10-01T10:00:30Z", true, 2000),
      sample(probeId, "2026-10-01T10:01:30Z", true, 100),
    ]);
    const minutes = await listRollups(store.db, {
      workspaceId: ws,
      probeId,
      resolution: "minute",
      limit: 10,
    });
    expect(minutes.map((m) => [m.bucket_start, m.count, m.ok, m.fail])).toEqual([
      ["2026-10-01T10:00:00.000Z", 3, 2, 1],
      ["2026-10-01T10:01:00.000Z", 1, 1, 0],
    ]);
    const [hour] = await listRollups(store.db, { workspaceId: ws, probeId, resolution: "hour", limit: 10 });
    expect(hour).toMatchObject({ count: 4, ok: 3, region: "fra" });
    expect(hour.p99_ms).toBeGreaterThan(1500);
    expect(hour.p50_ms).toBeLessThan(150);
  });

  it("pages raw samples newest first", async () => {
    const first = await listSamples(store.db, { workspaceId: ws, probeId, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.next_cursor).not.toBeNull();
    const second = await listSamples(store.db, {
      workspaceId: ws,
      probeId,
      limit: 3,
      cursor: first.next_cursor ?? undefined,
    });
    expect(second.items).toHaveLength(1);
    expect(second.items[0].sample.at).toBe("2026-10-01T10:00:10Z");
  });

  it("applies retention per level (raw 7 d, minute 100 d, hour 400 d) and keeps day rollups", async () => {
    const removed = await applyRetention(store.db, new Date("2027-01-15T00:00:00Z"));
    expect(removed.raw).toBe(4);
    expect(removed.minute).toBe(2);
    expect(removed.hour).toBe(0);
    expect(
      await listRollups(store.db, { workspaceId: ws, probeId, resolution: "day", limit: 10 }),
    ).toHaveLength(1);
  });

  it("the retention job prunes with the run's clock and the default policy", async () => {
    const log: Record<string, unknown>[] = [];
    await probeRetentionJob.run({
      store,
      scheduledFor: new Date("2030-01-01T00:07:00Z"),
      now: () => new Date("2030-01-01T00:07:00Z"),
      signal: new AbortController().signal,
      log: (_message, details) => log.push(details ?? {}),
    });
    // years later the hour rollup is past the default retention (day rollups are kept longer)
    expect(log).toEqual([expect.objectContaining({ hour: 1, day: 0 })]);
  });
  it("rolls up only evidence about the vendor: refused, clock-skewed and own-resolver samples stay out", async () => {
    // its own workspace and probe: the other cases count every row of theirs
    const ws = newId();
    await store.db.insertInto("workspaces").values({ id: ws, name: "w2" }).execute();
    const probeId = (
      await insertProbe(store.db, {
        workspaceId: ws,
        vendorId: null,
        createdBy: null,
        probe: { url: "https://x.example" },
        now: new Date(),
      })
    ).id;
    const at = (sec: number) => `2026-10-02T10:00:${String(sec).padStart(2, "0")}Z`;
    const put = (samples: ProbeSample[], skewFlagged: boolean) =>
      storeSamples(store.db, {
        workspaceId: ws,
        agentId: null,
        batchId: null,
        receivedAt: new Date("2026-10-02T10:05:00Z"),
        skewFlagged,
        samples,
      });
    await put(
      [
        sample(probeId, at(1), true, 100),
        sample(probeId, at(2), false, 50), // the vendor's 503: evidence
        { ...sample(probeId, at(3), false, 0), status: null, blocked: true, error: "target blocked" },
        { ...sample(probeId, at(4), false, 0), status: null, error: "dns: resolver unavailable (EAI_AGAIN)" },
      ],
      false,
    );
    await put([sample(probeId, at(5), false, 50)], true); // an agent whose clock was off
    const [minute] = await listRollups(store.db, {
      workspaceId: ws,
      probeId,
      resolution: "minute",
      from: new Date("2026-10-02T10:00:00Z"),
      to: new Date("2026-10-02T10:01:00Z"),
      limit: 10,
    });
    expect([minute.count, minute.ok, minute.fail]).toEqual([2, 1, 1]);
    // the raw samples are all kept, each with what it was
    const raw = await listSamples(store.db, {
      workspaceId: ws,
      probeId,
      from: new Date("2026-10-02T10:00:00Z"),
      to: new Date("2026-10-02T10:01:00Z"),
      limit: 10,
    });
    expect(raw.items.length).toBe(5);
  });
});
