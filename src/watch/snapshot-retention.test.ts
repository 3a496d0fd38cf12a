import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb, newId, type Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import {
  createWatchRetentionJob,
  DEFAULT_SNAPSHOT_RETENTION,
  pruneWatchSnapshots,
  snapshotRetentionFromEnv,
} from "./snapshot-retention.js";
import { seedWatchWorkspace } from "./testing/seed.js";

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("snapshot retention policy from the environment", () => {
  it("defaults to the last 10 fetches or 30 days, reads both variables, refuses a bad value naming it", () => {
    expect(snapshotRetentionFromEnv({})).toEqual(DEFAULT_SNAPSHOT_RETENTION);
    expect(DEFAULT_SNAPSHOT_RETENTION).toEqual({ keepLast: 10, keepDays: 30 });
    expect(
      snapshotRetentionFromEnv({ TERMSIGHT_WATCH_SNAPSHOTS_KEEP: "3", TERMSIGHT_WATCH_SNAPSHOTS_DAYS: "0" }),
    ).toEqual({ keepLast: 3, keepDays: 0 });
    expect(() => snapshotRetentionFromEnv({ TERMSIGHT_WATCH_SNAPSHOTS_DAYS: "-1" })).toThrow(
      /TERMSIGHT_WATCH_SNAPSHOTS_DAYS/,
    );
    expect(() => snapshotRetentionFromEnv({ TERMSIGHT_WATCH_SNAPSHOTS_KEEP: "ten" })).toThrow(
      /TERMSIGHT_WATCH_SNAPSHOTS_KEEP/,
    );
  });
});

describe.each(storeBackends())("watch snapshot retention on $name", ({ open }) => {
  let store: Store;
  let ws: string;
  let vendorId: string;
  beforeAll(async () => {
    store = await open();
    const seeded = await seedWatchWorkspace(store);
    ws = seeded.workspaceId;
    vendorId = seeded.vendorIds[0];
  });
  afterAll(async () => {
    await store?.close();
  });

  async function newWatch(name: string): Promise<string> {
    const id = newId();
    await store.db
      .insertInto("watched_documents")
      .values({
        id,
        workspace_id: ws,
        vendor_id: vendorId,
        name,
        declaration: jsonb({ name }),
        next_due_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    return id;
  }
  async function snap(watchId: string, outcome: string, at: Date): Promise<string> {
    const id = newId();
    await store.db
      .insertInto("watch_snapshots")
      .values({
        id,
        workspace_id: ws,
        watch_id: watchId,
        fetched_at: at,
        status: outcome === "unreachable" ? null : 200,
        outcome,
        error: null,
        content_type: "text/html",
        sha256: null,
        body:
          outcome === "unreachable"
            ? null
            : new TextEncoder().encode(`<p>${outcome} ${at.toISOString()}</p>`),
      })
      .execute();
    return id;
  }
  const left = async (watchId: string) =>
    (
      await store.db
        .selectFrom("watch_snapshots")
        .select(["id", "outcome"])
        .where("watch_id", "=", watchId)
        .orderBy("fetched_at", "desc")
        .execute()
    ).map((r) => r.id);

  it("keeps version snapshots forever and other fetches while among the last N or younger than D days", async () => {
    const busy = await newWatch("busy");
    const quiet = await newWatch("quiet");
    const versions = [await snap(busy, "changed", daysAgo(400)), await snap(busy, "changed", daysAgo(90))];
    const recent: string[] = [];
    for (let d = 1; d <= 12; d++) recent.push(await snap(busy, "unchanged", daysAgo(d)));
    const old: string[] = [];
    for (let d = 40; d < 46; d++)
      old.push(await snap(busy, d % 2 ? "unreachable" : "not_modified", daysAgo(d)));
    const quietOld = [
      await snap(quiet, "unchanged", daysAgo(200)),
      await snap(quiet, "broken", daysAgo(300)),
    ];

    // busy: 12 recent fetches are within 30 days (kept even beyond the last 10); the 6 old ones rank 13–18
    const first = await pruneWatchSnapshots(store.db, NOW, { keepLast: 10, keepDays: 30 });
    expect(first.removed).toBe(6);
    expect(new Set(await left(busy))).toEqual(new Set([...versions, ...recent]));
    // quiet: two old fetches, but they are its last 10
    expect(new Set(await left(quiet))).toEqual(new Set(quietOld));

    // a month later: only the last 10 of busy's fetches survive; versions never go
    const later = new Date(NOW.getTime() + 31 * 86_400_000);
    const second = await pruneWatchSnapshots(store.db, later, { keepLast: 10, keepDays: 30 });
    expect(second.removed).toBe(2);
    expect(new Set(await left(busy))).toEqual(new Set([...versions, ...recent.slice(0, 10)]));

    // the job, with the tightest policy, leaves the versions alone
    const job = createWatchRetentionJob({ keepLast: 0, keepDays: 0 });
    const logs: unknown[] = [];
    await job.run({
      store,
      scheduledFor: later,
      now: () => later,
      signal: new AbortController().signal,
      log: (_m, d) => logs.push(d),
    });
    expect(await left(busy)).toEqual([versions[1], versions[0]]);
    expect(await left(quiet)).toEqual([]);
    expect(logs).toEqual([{ removed: 12, keepLast: 0, keepDays: 0 }]);
  });
});
