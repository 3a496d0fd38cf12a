import { sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { storeBackends, TEST_PG_URL } from "../store/testing.js";
import type { RecurringJob } from "./job-definition.js";
import { type JobRunner, startJobRunner } from "./job-runner.js";

const waitFor = async (cond: () => boolean, ms = 30_000) => {
  for (const t0 = Date.now(); !cond() && Date.now() - t0 < ms; ) await new Promise((r) => setTimeout(r, 50));
  expect(cond()).toBe(true);
};

describe.each(storeBackends())("job runner on $name", ({ name, open }) => {
  let store: Store | null = null;
  const runners: JobRunner[] = [];
  const db = () => {
    if (!store) throw new Error("no store opened");
    return store.db;
  };
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    const bossSchema = (await sql<{ s: string }>`select current_schema() as s`.execute(db())).rows[0].s;
    await store?.close();
    store = null;
    if (name === "postgres") {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${bossSchema}_pgboss cascade`);
      await client.end();
    }
  });
  const start = async (jobs: RecurringJob[], now: () => Date, serverId: string, extra = {}) => {
    store ??= await open();
    const runner = await startJobRunner({
      store,
      jobs,
      now,
      serverId,
      tickMs: 3_600_000, // ticks are driven by the test
      pollSeconds: 0.5,
      retryDelaySeconds: 1,
      ...extra,
    });
    runners.push(runner);
    return runner;
  };

  it("two servers: each due slot is enqueued and run exactly once (catchUp all)", async () => {
    let wall = new Date("2026-03-01T10:00:30Z");
    const runs: { server: string; slot: string }[] = [];
    const jobFor = (server: string): RecurringJob => ({
      name: "every-minute",
      cron: "* * * * *",
      catchUp: "all",
      run: async (ctx) => {
        runs.push({ server, slot: ctx.scheduledFor.toISOString() });
      },
    });
    const a = await start([jobFor("a")], () => wall, "a");
    const b = await start([jobFor("b")], () => wall, "b");
    wall = new Date("2026-03-01T10:03:30Z");
    const [na, nb] = await Promise.all([a.tick(), b.tick()]);
    expect(na + nb).toBe(3);
    // a later tick finds nothing new
    expect((await a.tick()) + (await b.tick())).toBe(0);
    await waitFor(() => runs.length >= 3);
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive by now
    expect(runs.map((r) => r.slot).sort()).toEqual([
      "2026-03-01T10:01:00.000Z",
      "2026-03-01T10:02:00.000Z",
      "2026-03-01T10:03:00.000Z",
    ]);
  }, 120_000);

  it("a tick leaves a job alone until its next slot, then enqueues it", async () => {
    let wall = new Date("2026-03-01T10:00:30Z");
    const runs: string[] = [];
    const hourly: RecurringJob = {
      name: "hourly",
      cron: "0 * * * *",
      run: async (ctx) => {
        runs.push(ctx.scheduledFor.toISOString());
      },
    };
    const runner = await start([hourly], () => wall, "a");
    await runner.tick();
    const schedule = () => sql`select last_slot from job_schedules where name = 'hourly'`.execute(db());
    expect((await schedule()).rows).toHaveLength(1);
    // Nothing is due before 11:00: a tick does not open the job's schedule at all (it would
    // have written the row again).
    await sql`delete from job_schedules where name = 'hourly'`.execute(db());
    wall = new Date("2026-03-01T10:59:59Z");
    expect(await runner.tick()).toBe(0);
    expect((await schedule()).rows).toHaveLength(0);
    await sql`insert into job_schedules (name, last_slot) values ('hourly', '2026-03-01T10:00:00Z')`.execute(
      db(),
    );
    wall = new Date("2026-03-01T11:00:05Z");
    expect(await runner.tick()).toBe(1);
    await waitFor(() => runs.length === 1);
    expect(runs).toEqual(["2026-03-01T11:00:00.000Z"]);
  }, 60_000);

  it("servers starting at the same moment on a fresh database all start", async () => {
    store ??= await open();
    const jobs: RecurringJob[] = ["a", "b", "c", "d", "e", "f"].map((n) => ({
      name: `start-${n}`,
      cron: "0 * * * *",
      run: async () => {},
    }));
    const started = await Promise.all(
      ["s1", "s2", "s3", "s4"].map((id) => start(jobs, () => new Date("2026-03-01T10:00:30Z"), id)),
    );
    expect(started).toHaveLength(4);
  }, 120_000);

  it("a failed run is retried with backoff for the same slot", async () => {
    let wall = new Date("2026-03-01T10:00:30Z");
    const attempts: { slot: string; at: number }[] = [];
    const runner = await start(
      [
        {
          name: "flaky",
          cron: "* * * * *",
          run: async (ctx) => {
            attempts.push({ slot: ctx.scheduledFor.toISOString(), at: Date.now() });
            if (attempts.length === 1) throw new Error("vendor down");
          },
        },
      ],
      () => wall,
      "a",
      { onError: () => {} },
    );
    wall = new Date("2026-03-01T10:01:10Z");
    expect(await runner.tick()).toBe(1);
    await waitFor(() => attempts.length >= 2, 60_000);
    expect(attempts.map((a) => a.slot)).toEqual(["2026-03-01T10:01:00.000Z", "2026-03-01T10:01:00.000Z"]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
  }, 120_000);

  it("missed slots: latest runs the newest and records the rest; record runs none of the old ones", async () => {
    let wall = new Date("2026-03-01T10:00:30Z");
    const runs: string[] = [];
    const runner = await start(
      [
        {
          name: "latest",
          cron: "*/10 * * * *",
          run: async (ctx) => void runs.push(`latest ${ctx.scheduledFor.toISOString()}`),
        },
        {
          name: "record",
          cron: "*/10 * * * *",
          catchUp: "record",
          run: async (ctx) => void runs.push(`record ${ctx.scheduledFor.toISOString()}`),
        },
      ],
      () => wall,
      "a",
      { lateAfterMs: 60_000 },
    );
    // down for an hour
    wall = new Date("2026-03-01T11:00:20Z");
    expect(await runner.tick()).toBe(2); // latest: 11:00; record: 11:00 (20 s late, on time)
    await waitFor(() => runs.length >= 2);
    expect(runs.sort()).toEqual(["latest 2026-03-01T11:00:00.000Z", "record 2026-03-01T11:00:00.000Z"]);
    const missed = await sql<{ name: string; scheduled_for: Date }>`select name, scheduled_for from job_missed
      order by name, scheduled_for`.execute(db());
    const list = missed.rows.map((r) => `${r.name} ${new Date(r.scheduled_for).toISOString().slice(11, 16)}`);
    expect(list).toEqual([
      ...["10:10", "10:20", "10:30", "10:40", "10:50"].map((t) => `latest ${t}`),
      ...["10:10", "10:20", "10:30", "10:40", "10:50"].map((t) => `record ${t}`),
    ]);
  }, 120_000);
  it("logs each run with its server and slot, and how it ended and how long it took", async () => {
    let wall = new Date("2026-03-01T10:00:30Z");
    const lines: { message: string; details?: Record<string, unknown> }[] = [];
    const jobs: RecurringJob[] = [
      { name: "works", cron: "* * * * *", catchUp: "latest", run: async () => {} },
      {
        name: "fails",
        cron: "* * * * *",
        catchUp: "latest",
        run: async () => {
          throw new Error("vendor API down");
        },
      },
    ];
    const runner = await start(jobs, () => wall, "server-a", {
      log: (message: string, details?: Record<string, unknown>) => lines.push({ message, details }),
      onError: () => {},
    });
    wall = new Date("2026-03-01T10:01:30Z");
    await runner.tick();
    const ended = (job: string) =>
      lines.find((l) => l.details?.job === job && l.message.startsWith("job ") && l.message !== "job run");
    await waitFor(() => Boolean(ended("works") && ended("fails")));
    const started = lines.find((l) => l.message === "job run" && l.details?.job === "works");
    expect(started?.details).toMatchObject({ server: "server-a" });
    expect((started?.details?.scheduledFor as Date | undefined)?.toISOString()).toBe(
      "2026-03-01T10:01:00.000Z",
    );
    expect(ended("works")?.message).toBe("job done");
    expect(ended("fails")?.message).toBe("job failed");
    expect(typeof ended("works")?.details?.ms).toBe("number");
  }, 120_000);
});
