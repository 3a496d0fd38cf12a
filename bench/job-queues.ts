/**
 * The two maintained PostgreSQL job queues side by side, for src/jobs (see its README):
 * pg-boss (v10, custom `db.executeSql`) and graphile-worker. For each: can it run on PGlite at all,
 * claim latency (send → handler start, one idle worker, one job at a time), and wall time and CPU
 * of this process for 5,000 jobs (enqueued in bulk, worked with concurrency 10).
 *
 *   npx tsx bench/job-queues.ts            (PostgreSQL at TERMSIGHT_TEST_PG_URL, default the test db)
 */
import { PGlite } from "@electric-sql/pglite";
import { makeWorkerUtils, run as runGraphile } from "graphile-worker";
import pg from "pg";
import PgBoss from "pg-boss";

const PG_URL = process.env.TERMSIGHT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const JOBS = Number(process.env.JOBS ?? 5000);
/** PGlite's bulk run (5,000 did not finish within 16 minutes on the loaded bench machine). */
const PGLITE_JOBS = Number(process.env.PGLITE_JOBS ?? 1000);
const LATENCY_SAMPLES = Number(process.env.LATENCY_SAMPLES ?? 50);

interface Row {
  queue: string;
  backend: string;
  runs: string;
  latencyP50: string;
  latencyP99: string;
  wallMs: string;
  cpuMs: string;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => x.toFixed(1);

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function pgliteExecutor(client: PGlite) {
  return {
    // pg-boss sends its schema as one multi-statement text without parameters: that needs exec()
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
      return client.query(text, values as never[]);
    },
  };
}

async function bossRow(backend: "pglite" | "postgres"): Promise<Row> {
  const jobs = backend === "pglite" ? PGLITE_JOBS : JOBS;
  const schema = `bench_boss_${Date.now().toString(36)}`;
  const client = backend === "pglite" ? await PGlite.create() : null;
  const boss = new PgBoss(
    client
      ? ({ db: pgliteExecutor(client), schema, schedule: false, supervise: false } as never)
      : { connectionString: PG_URL, schema, schedule: false, supervise: false, max: 10 },
  );
  boss.on("error", (err) => console.error("pg-boss:", err.message));
  await boss.start();
  await boss.createQueue("lat");
  await boss.createQueue("bulk");
  try {
    // claim latency: one job at a time into an idle worker polling every 0.5 s (pg-boss's minimum)
    const lat: number[] = [];
    let resolveOne: (() => void) | null = null;
    let sentAt = 0;
    await boss.work("lat", { pollingIntervalSeconds: 0.5 }, async () => {
      lat.push(performance.now() - sentAt);
      resolveOne?.();
    });
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const done = new Promise<void>((r) => {
        resolveOne = r;
      });
      sentAt = performance.now();
      await boss.send("lat", { i });
      await done;
    }
    console.error(`  latency done (${lat.length})`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < jobs; i += 500)
      await boss.insert(Array.from({ length: 500 }, (_, k) => ({ name: "bulk", data: { i: i + k } })));
    let worked = 0;
    await new Promise<void>((resolve) => {
      void boss.work("bulk", { batchSize: 100, pollingIntervalSeconds: 0.5 }, async (batch) => {
        worked += batch.length;
        if (process.env.DEBUG) console.error("batch", batch.length, worked);
        if (worked >= jobs) resolve();
      });
    });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      queue: "pg-boss 10",
      backend,
      runs: `yes (${jobs} jobs)`,
      latencyP50: ms(pct(lat, 50)),
      latencyP99: ms(pct(lat, 99)),
      wallMs: ms(wall),
      cpuMs: ms((cpu.user + cpu.system) / 1000),
    };
  } finally {
    // with a caller's db, waiting for pg-boss's stop never returned here; nothing is in flight by now
    await boss.stop({ graceful: false, wait: false, close: !client });
    await client?.close();
    if (!client) await adminQuery(`drop schema if exists ${schema} cascade`);
  }
}

async function graphileRow(): Promise<Row> {
  const schema = `bench_gw_${Date.now().toString(36)}`;
  const utils = await makeWorkerUtils({ connectionString: PG_URL, schema });
  await utils.migrate();
  const lat: number[] = [];
  let resolveOne: (() => void) | null = null;
  let sentAt = 0;
  let worked = 0;
  let resolveBulk: (() => void) | null = null;
  const runner = await runGraphile({
    connectionString: PG_URL,
    schema,
    concurrency: 10,
    noHandleSignals: true,
    pollInterval: 500,
    logger: new (await import("graphile-worker")).Logger(() => () => {}),
    taskList: {
      lat: async () => {
        lat.push(performance.now() - sentAt);
        resolveOne?.();
      },
      bulk: async () => {
        worked++;
        if (worked >= JOBS) resolveBulk?.();
      },
    },
  });
  try {
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const done = new Promise<void>((r) => {
        resolveOne = r;
      });
      sentAt = performance.now();
      await utils.addJob("lat", { i });
      await done;
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const bulkDone = new Promise<void>((r) => {
      resolveBulk = r;
    });
    for (let i = 0; i < JOBS; i += 500)
      await utils.addJobs(
        Array.from({ length: 500 }, (_, k) => ({ identifier: "bulk", payload: { i: i + k } })),
      );
    await bulkDone;
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      queue: "graphile-worker 0.17",
      backend: "postgres",
      runs: `yes (${JOBS} jobs)`,
      latencyP50: ms(pct(lat, 50)),
      latencyP99: ms(pct(lat, 99)),
      wallMs: ms(wall),
      cpuMs: ms((cpu.user + cpu.system) / 1000),
    };
  } finally {
    await runner.stop();
    await utils.release();
    await adminQuery(`drop schema if exists ${schema} cascade`);
  }
}

const rows: Row[] = [];
const show = (row: Row) => {
  console.error(JSON.stringify(row));
  return row;
};
if (process.env.SKIP_PGLITE !== "1") {
  console.error("pg-boss on PGlite…");
  rows.push(show(await bossRow("pglite")));
}
console.error("pg-boss on PostgreSQL…");
rows.push(show(await bossRow("postgres")));
console.error("graphile-worker on PostgreSQL…");
rows.push(show(await graphileRow()));
rows.push({
  queue: "graphile-worker 0.17",
  backend: "pglite",
  runs: "no: needs a pg connection string/pool (LISTEN/NOTIFY on a server socket); PGlite is in-process",
  latencyP50: "-",
  latencyP99: "-",
  wallMs: "-",
  cpuMs: "-",
});
console.log(`jobs: ${JOBS}, latency samples: ${LATENCY_SAMPLES}`);
console.table(rows);
process.exit(0); // pg-boss's timers over a caller's db keep the loop alive
