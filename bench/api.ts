/**
 * npm run bench:api  (tsx bench/api.ts [--tickets 10000] [--duration 10] [--warmup 2] [--rate 500] [--connections 10] [--pg [--replicas 2]] [--pglite-thread worker|main] [--only POST] [--load open|autocannon] [--trace DIR] [--cold] [--server dist|src])
 * Seeds a workspace through the store (vendors, documents, and tickets when src/tickets is there),
 * starts the API on 127.0.0.1, and drives each route at a fixed overall rate, printing req/s,
 * p50/p99/max latency and errors. Target: p99 < 50 ms at 500 req/s on PGlite.
 * `--load open` (the default, bench/api-load-open.mjs) sends at a constant arrival rate and measures
 * each latency from the instant the request was due; `--load autocannon` (bench/api-load.mjs) is the
 * earlier generator, kept for comparison: it sends each second's share in a burst and its latency
 * correction counts a response of L ms about L times (see api-load-open.mjs).
 * Before measuring, as on a server in service: one alert round raises the alerts of the seeded late
 * tickets, and one pass at the full rate runs every repeatable route (`--cold`: neither). This
 * process collects the seeding's garbage before measuring and, with replicas, before each scenario.
 * `--pg` uses PostgreSQL at TERMSIGHT_TEST_PG_URL (a throw-away schema) instead of PGlite. PGlite runs
 * on its own thread as under `termsight serve`; `--pglite-thread main` runs it in the server's thread.
 * `--pg --replicas N` starts N server processes on the one PostgreSQL schema, each with the background
 * jobs `termsight serve` runs (job runner, probe round leases), and splits the rate evenly among them,
 * as a round-robin balancer would; the p99 printed is the worst replica's.
 * The servers run the build in dist/ as `npm start` does (it must be current: `npm run build`);
 * `--server src` runs the sources through tsx instead.
 */

import { execFile, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Fastify from "fastify";
import { sql } from "kysely";
import { type MachineTrace, type ProcessTrace, traceMachine, traceServerProcess } from "./api-trace.js";

/** A bad argument or a stale build: one line naming it, exit 2, before anything is seeded. */
function refuse(message: string): never {
  process.stderr.write(`bench:api: ${message}\n`);
  process.exit(2);
}

const OPTIONS = {
  tickets: { type: "string", default: "10000" },
  duration: { type: "string", default: "10" },
  /** Seconds of the same load before each measured run, not counted (JIT, caches). */
  warmup: { type: "string", default: "2" },
  rate: { type: "string", default: "500" },
  connections: { type: "string", default: "10" },
  pg: { type: "boolean", default: false },
  replicas: { type: "string", default: "1" },
  /**
   * Which build of Termsight runs: `dist` (the default) is what `npm start` runs, compiled by
   * `npm run build`; `src` runs the TypeScript sources through tsx (no build needed, but each
   * server process then carries the loader and its sources: about 7-10 MB more heap).
   */
  server: { type: "string", default: "dist" },
  "pglite-thread": { type: "string", default: "worker" },
  /** Only the scenarios whose name contains this (e.g. "POST"). */
  only: { type: "string", default: "" },
  load: { type: "string", default: "open" },
  /** A folder for what every process did during the run (bench/api-trace.ts, api-trace-summary.mjs). */
  trace: { type: "string", default: "" },
  /**
   * Measure from a cold start: no warm pass over the routes before the first scenario, and the
   * seeded late tickets' alerts are left for the servers' first alert round to raise (about 9,000
   * at once, during whichever scenario runs then) instead of being raised before measuring.
   */
  cold: { type: "boolean", default: false },
} as const;

const { values } = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (err) {
    // node's own message names the option (unknown option, missing value)
    refuse((err as Error).message);
  }
})();

const log = (s: string) => process.stderr.write(`${s}\n`);
/** A whole number of at least `min` from --name, or a refusal naming it. */
function count(name: keyof typeof values, min: number): number {
  const text = String(values[name]);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min) refuse(`--${name} "${text}" is not a whole number of at least ${min}`);
  return n;
}
const TICKETS = count("tickets", 0);
const DURATION = Math.min(count("duration", 1), 60);
const WARMUP = Math.min(count("warmup", 0), 30);
const RATE = count("rate", 1);
const CONNECTIONS = count("connections", 1);

const REPLICAS = count("replicas", 1);
if (REPLICAS > 1 && !values.pg) refuse("--replicas needs --pg (a PGlite folder has one process)");
if (values.load !== "open" && values.load !== "autocannon")
  refuse(`--load "${values.load}" is neither "open" nor "autocannon"`);
if (values["pglite-thread"] !== "worker" && values["pglite-thread"] !== "main")
  refuse(`--pglite-thread "${values["pglite-thread"]}" is neither "worker" nor "main"`);

const TRACE = values.trace;
if (TRACE) mkdirSync(TRACE, { recursive: true });
if (values.server !== "dist" && values.server !== "src")
  refuse(`--server "${values.server}" is neither "dist" nor "src"`);
const SERVER_ROOT = new URL(`../${values.server}/`, import.meta.url);
if (values.server === "dist") checkBuildIsCurrent();

// Termsight's modules, from the build chosen by --server (the types are the sources').
const load = <T>(path: string): Promise<T> => import(new URL(path, SERVER_ROOT).href) as Promise<T>;
const { createUser, createWorkspace, issueApiToken } =
  await load<typeof import("../src/accounts/index.js")>("accounts/index.js");
const { memberCtx } = await load<typeof import("../src/context/testing.js")>("context/testing.js");
const { storeDocument } = await load<typeof import("../src/documents/index.js")>("documents/index.js");
const { buildServer } = await load<typeof import("../src/server/index.js")>("server/index.js");
const { analyzeChangedTables, newId } = await load<typeof import("../src/store/index.js")>("store/index.js");
type Store = import("../src/store/index.js").Store;
const { openTestPglite, openTestPgliteThread, openTestPostgres } =
  await load<typeof import("../src/store/testing.js")>("store/testing.js");
const t0 = Date.now();
const store: Store = values.pg
  ? await openTestPostgres()
  : values["pglite-thread"] === "main"
    ? await openTestPglite()
    : await openTestPgliteThread();
const storeLabel = values.pg
  ? store.kind
  : `${store.kind} (${values["pglite-thread"] === "main" ? "server thread" : "own thread"})`;
log(`store: ${store.kind} open in ${Date.now() - t0} ms`);

const user = await createUser(store.db, {
  email: "bench@acme.test",
  name: "Bench",
  password: "correct horse battery",
});
const ws = await createWorkspace(store.db, { name: "Bench", adminId: user.id });
const { token } = await issueApiToken(store.db, {
  workspaceId: ws.id,
  userId: user.id,
  name: "bench",
  scopes: ["read", "write"],
});
const now = new Date();

const vendorIds: string[] = [];
for (let i = 0; i < 200; i++) {
  const id = newId();
  vendorIds.push(id);
  await store.db
    .insertInto("vendors")
    .values({ id, workspace_id: ws.id, name: `Vendor ${i}`, website: null, notes: null })
    .execute();
}
for (let i = 0; i < 100; i++) {
  const text = `Vendor ${i} SLA v${i}\nP1: response within ${15 + i} minutes, 24x7.\nAvailability 99.9% per month.\n`;
  await storeDocument(store, {
    workspaceId: ws.id,
    actorId: user.id,
    bytes: new TextEncoder().encode(text),
    name: `sla-${i}.txt`,
    vendorId: vendorIds[i % 200],
    now,
  });
}
log(`seeded 200 vendors, 100 documents in ${Date.now() - t0} ms`);

// Tickets, when the tickets module is there.
const ticketIds: string[] = [];
/** Tickets no POST touches before the "first write" scenario (nothing about them is remembered). */
const coldTicketIds: string[] = [];
const tickets = await load<typeof import("../src/tickets/index.js")>("tickets/index.js").catch(() => null);
if (tickets && TICKETS > 0) {
  const ctx = memberCtx(store, ws.id, user.id, "admin", now);
  const policy = tickets.DEMO_POLICY as Record<string, unknown>;
  for (let i = 0; i < TICKETS; i++) {
    const opened = new Date(now.getTime() - (i % 5000) * 60_000 - 60_000).toISOString();
    const t = await tickets.createTicket({
      ctx,
      input: {
        external_id: `B-${i}`,
        vendor_id: vendorIds[i % 200],
        subject: `ticket ${i}`,
        severity: ["P1", "P2", "P3"][i % 3],
        opened_at: opened,
        policy,
      },
    });
    if (i < 2000) ticketIds.push(t.id);
    else coldTicketIds.push(t.id);
    if (i % 2000 === 1999) log(`  ${i + 1} tickets (${Date.now() - t0} ms)`);
  }
  log(`seeded ${TICKETS} tickets in ${Date.now() - t0} ms`);
}

// A server in service has raised the alerts of tickets that went late while it ran: the replicas'
// rounds are then the steady, once-a-minute kind. With --cold the first round raises them all (a
// bulk import of old tickets does that once; bench:alerts measures that round on its own).
if (!values.cold && tickets && TICKETS > 0) {
  const alerts = await load<typeof import("../src/alerts/index.js")>("alerts/index.js");
  const started = Date.now();
  const round = await alerts.runAlertRound(store.db, { now: new Date(), box: null });
  const fired = round.rules.reduce((n, r) => n + r.fired, 0);
  log(`alert round before measuring: ${fired} alerts raised in ${Date.now() - started} ms`);
}
// What the server's auto-analyze job (store/auto-analyze.ts, every minute) does after a bulk load.
log(
  `analyzed after seeding: ${(await analyzeChangedTables(store)).join(", ") || "(none; PostgreSQL autovacuum)"}`,
);
const app = await buildServer({ store, webRoot: null });
const serverTrace: ProcessTrace | null = TRACE
  ? traceServerProcess(TRACE, app, REPLICAS === 1 ? "server" : "bench")
  : null;
// PGlite has one connection, which the trace's polling would queue behind: its activity is not traced.
const machineTrace: MachineTrace | null = TRACE ? traceMachine(TRACE, values.pg ? store.db : null) : null;
/** Time from the request's arrival in this server to its answer, as fastify measures it (replicas: not kept). */
let serverTimes: number[] = [];
app.addHook("onResponse", async (_request, reply) => {
  serverTimes.push(reply.elapsedTime);
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
const replicas = REPLICAS > 1 ? await startReplicas(REPLICAS) : [];
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const api = `/api/v1/workspaces/${ws.id}`;

interface Scenario {
  name: string;
  method: "GET" | "POST";
  /** The paths requested in turn. */
  paths: string[];
  body?: "customer_reply";
  /** No warm-up run: it would use up the paths the scenario is about. */
  noWarmup?: boolean;
}
const scenarios: Scenario[] = [
  { name: "GET vendors list (50)", method: "GET", paths: [`${api}/vendors?limit=50`] },
  { name: "GET documents list (50)", method: "GET", paths: [`${api}/documents?limit=50`] },
];
const routeExists = async (path: string) => (await fetch(`${base}${path}`, { headers })).status !== 404;
if (ticketIds.length && (await routeExists(`${api}/tickets?limit=1`))) {
  scenarios.push({
    name: `GET tickets list with SLA state (50 of ${TICKETS})`,
    method: "GET",
    paths: [`${api}/tickets?limit=50`],
  });
  scenarios.push({
    name: "GET tickets ?sla=breached (50)",
    method: "GET",
    paths: [`${api}/tickets?limit=50&sla=breached`],
  });
  scenarios.push({
    name: "POST ticket event (customer_reply)",
    method: "POST",
    paths: ticketIds.map((id) => `${api}/tickets/${id}/events`),
    body: "customer_reply",
  });
  // Each request the first event this server adds to its ticket, so the ticket is read first (the
  // scenario above mostly appends to tickets whose last write this process remembers).
  if (coldTicketIds.length >= RATE * DURATION)
    scenarios.push({
      name: "POST ticket event, first write of each ticket",
      method: "POST",
      paths: coldTicketIds.map((id) => `${api}/tickets/${id}/events`),
      body: "customer_reply",
      noWarmup: true,
    });
}

const LOAD_SCRIPT = fileURLToPath(
  new URL(values.load === "open" ? "./api-load-open.mjs" : "./api-load.mjs", import.meta.url),
);

/** What both load generators print (autocannon's result has more; these are the fields read here). */
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
  /** The machine's CPU over the measured part (open generator, Linux): used, and stolen by the hypervisor. */
  cpu?: { busy: number; steal: number } | null;
}

/** Drives one scenario: against this process's server, or split evenly over the replicas. */
async function run(s: Scenario, duration = DURATION, warmup = 0, traced = true): Promise<LoadResult> {
  const trace = traced ? traceName(s) : null;
  if (replicas.length === 0) return runOne(s, base, RATE, duration, warmup, trace);
  // each replica gets its own share of the paths, so POSTs never hit one ticket from two replicas
  const results = await Promise.all(
    replicas.map((r, i) =>
      runOne(
        {
          ...s,
          paths:
            s.paths.length < replicas.length ? s.paths : s.paths.filter((_, k) => k % replicas.length === i),
        },
        r.url,
        RATE / replicas.length,
        duration,
        warmup,
        trace,
      ),
    ),
  );
  const first = results[0];
  return {
    ...first,
    requests: { ...first.requests, average: results.reduce((n, r) => n + r.requests.average, 0) },
    latency: {
      ...first.latency,
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      max: Math.max(...results.map((r) => r.latency.max)),
    },
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    statusCodeStats: Object.assign({}, ...results.map((r) => r.statusCodeStats ?? {})),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    cpu: results.find((r) => r.cpu)?.cpu ?? null,
  };
}

/** The load generator's trace file prefix for this scenario (--trace), or null. */
function traceName(s: Scenario): string | null {
  return TRACE ? `${TRACE}/load-${s.name.replace(/[^A-Za-z0-9]+/g, "_")}` : null;
}

/** Drives one scenario from a separate process (bench/api-load.mjs), so load and server do not share a core. */
function runOne(
  s: Scenario,
  url: string,
  rate: number,
  duration: number,
  warmup: number,
  trace: string | null = null,
): Promise<LoadResult> {
  const job = {
    url,
    method: s.method,
    paths: s.paths,
    body: s.body ?? null,
    headers,
    connections: Math.max(1, Math.round(CONNECTIONS / Math.max(1, replicas.length))),
    duration,
    rate,
    warmup,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [LOAD_SCRIPT],
      { maxBuffer: 64 * 1024 * 1024, env: trace ? { ...process.env, BENCH_LOAD_TRACE: trace } : process.env },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`load generator failed: ${stderr.trim() || err.message}`));
        else resolve(JSON.parse(stdout) as LoadResult);
      },
    );
    // The open generator says when its warm-up ends, so the in-server figures cover the measured part only.
    child.stderr?.on("data", (d) => {
      if (String(d).includes("measuring")) serverTimes = [];
    });
    machineTrace?.watch("load", child.pid);
    child.stdin?.end(JSON.stringify(job));
  });
}

const ms = (v: number) => `${Number(v.toFixed(1))}`.padStart(5);
const pct = (v: number) => `${(v * 100).toFixed(0).padStart(3)}%`;
// The machine's CPU is printed with each row: on a virtual machine the time stolen by the
// hypervisor explains stalls that nothing in the process does.
const cpuOf = (r: LoadResult) =>
  r.cpu ? `   machine CPU ${pct(r.cpu.busy)} used, ${pct(r.cpu.steal)} stolen` : "";
const row = (name: string, r: LoadResult, extra: string) =>
  `${name.padEnd(52)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${ms(r.latency.p50)} ms   p99 ${ms(r.latency.p99)} ms   max ${ms(r.latency.max)} ms   errors ${r.non2xx + r.errors + r.timeouts}${extra}${cpuOf(r)}${r.latency.p99 < 50 ? "" : "   (p99 over 50 ms target)"}`;

// This process seeded the data (about 10,000 tickets and 9,000 alerts through the store): left to
// itself, it collects that garbage whenever its heap next fills, which may be mid-scenario. A major
// collection runs on helper threads too (seen at 1.6 cores for 300 ms, starving the replicas' own
// collections into 50 ms pauses). So it collects before the warm pass and, when it serves nothing
// (replicas), before each scenario, while no load runs.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const collected = () => {
  const started = Date.now();
  collectGarbage();
  return `${Date.now() - started} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;
};
log(`this process collected its garbage: ${collected()}`);

const rows: string[] = [];
// A server in service has run every route before: one pass at the full rate over the scenarios that
// can be repeated, so that the first one measured does not carry the replicas' start (JIT compiling
// on the same two cores). --cold skips it; each scenario still has its own warm-up.
if (!values.cold && WARMUP > 0) {
  const started = Date.now();
  for (const s of scenarios.filter((s) => !s.noWarmup && s.name.includes(values.only)))
    await run(s, WARMUP, 0, false);
  log(`warm pass over the routes: ${Date.now() - started} ms`);
}
// The peer: a bare fastify server in this process answering the tickets page's bytes as they are,
// at the same rate from the same generator. Its tail is what this machine and load give any
// Node server; the difference to the rows below is Termsight's own.
// Chosen by --only as the scenarios are: by a part of its name.
if ("peer: bare fastify".includes(values.only)) {
  const path = ticketIds.length ? `${api}/tickets?limit=50` : `${api}/vendors?limit=50`;
  const answer = await (await fetch(`${base}${path}`, { headers })).text();
  const peer = Fastify();
  peer.get("/answer", async (_request, reply) => reply.type("application/json; charset=utf-8").send(answer));
  await peer.listen({ port: 0, host: "127.0.0.1" });
  const peerAddress = peer.server.address();
  const peerUrl = `http://127.0.0.1:${typeof peerAddress === "object" && peerAddress ? peerAddress.port : 0}`;
  const r = await runOne(
    { name: "peer", method: "GET", paths: ["/answer"] },
    peerUrl,
    RATE,
    DURATION,
    values.load === "open" ? WARMUP : 0,
    TRACE ? `${TRACE}/load-peer` : null,
  );
  await peer.close();
  rows.push(row(`peer: bare fastify, the same ${(answer.length / 1024).toFixed(0)} KB answer`, r, ""));
  log(rows.at(-1) as string);
}
for (const s of scenarios.filter((s) => s.name.includes(values.only))) {
  const warmup = WARMUP > 0 && !s.noWarmup ? WARMUP : 0;
  // autocannon warms up in a run of its own; the open generator runs its warm-up on the same
  // connections right before the measured part (so the server thread figures include it).
  if (warmup > 0 && values.load === "autocannon") await run(s, warmup, 0, false);
  if (replicas.length) collectGarbage();
  serverTimes = [];
  await Promise.all(replicas.map((r) => r.busy()));
  const elu0 = performance.eventLoopUtilization();
  const dbElu0 = store.databaseThreadUtilization?.();
  const wal0 = values.pg ? await walActivity() : null;
  const r = await run(s, DURATION, values.load === "open" ? warmup : 0);
  const wal = wal0 ? walText(wal0, await walActivity()) : "";
  // How busy the server's thread was (HTTP, JSON, SLA work) and, on PGlite, the database's thread.
  const busy = performance.eventLoopUtilization(elu0).utilization;
  const dbBusy = dbElu0 ? store.databaseThreadUtilization?.(dbElu0).utilization : undefined;
  if (r.non2xx + r.errors + r.timeouts > 0)
    log(
      `  ${s.name}: status codes ${JSON.stringify(r.statusCodeStats ?? {})}, ${r.errors} errors, ${r.timeouts} timeouts`,
    );
  // With replicas the servers are other processes (their busiest is shown): this one only seeded the data.
  const replicaLoad = await Promise.all(replicas.map((x) => x.busy()));
  const replicaBusy = Math.max(0, ...replicaLoad.map((x) => x.utilization));
  const threads = replicas.length
    ? `   busiest replica ${pct(replicaBusy)} busy${gcText(replicaLoad.map((x) => x.gc))}`
    : `   server thread ${pct(busy)} busy${dbBusy === undefined ? "" : `, database thread ${pct(dbBusy)}`}`;
  // In the server: how much of the tail the server itself saw (the rest is queueing on the wire and
  // in the client, or a thread the OS did not run).
  const inServer = replicas.length
    ? ""
    : `   in server p99 ${ms(percentile(serverTimes, 99))} max ${ms(percentile(serverTimes, 100))} ms`;
  rows.push(row(s.name, r, `${inServer}${threads}${wal}`));
  log(rows.at(-1) as string);
}
process.stdout.write(
  `\nTermsight API on ${storeLabel}${replicas.length ? ` with ${replicas.length} replica processes (worst replica's p50/p99/max)` : ""}, ${RATE} req/s offered ${values.load === "open" ? "at a constant arrival rate, latency from each request's due instant" : "by autocannon (a burst each second)"}, ${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s of warm-up\n${rows.join("\n")}\n`,
);
// The replicas must be gone before the schema is dropped: a replica still running a job while
// DROP SCHEMA … CASCADE takes its locks is a deadlock (seen once at the end of a run).
await Promise.all(replicas.map((r) => r.stop()));
serverTrace?.stop();
await machineTrace?.stop();
if (TRACE) log(`trace in ${TRACE}: node bench/api-trace-summary.mjs ${TRACE}`);
await app.close();
await store.close();

interface WalActivity {
  bytes: number;
  /** Full-page images: the first change of a page after a checkpoint starts logs the whole 8 KB page. */
  fpi: number;
  /** WAL flushes to disk (a commit waits for its own, or for one that covered it). */
  syncs: number;
}

/**
 * PostgreSQL's WAL counters (pg_stat_wal) for the whole server, so other databases' writes count
 * too, and backends report them about once a second, so the figures are approximate. A write
 * scenario's tail follows its commits' WAL flushes: these say how many there were and how much
 * they carried, warm-up included, and how many full-page images a checkpoint added to them.
 */
async function walActivity(): Promise<WalActivity> {
  const { rows } = await sql<{ bytes: string; fpi: string; syncs: string }>`
    select wal_bytes::text as bytes, wal_fpi::text as fpi, wal_sync::text as syncs from pg_stat_wal`.execute(
    store.db,
  );
  const w = rows[0];
  return { bytes: Number(w.bytes), fpi: Number(w.fpi), syncs: Number(w.syncs) };
}

function walText(before: WalActivity, after: WalActivity): string {
  return `   WAL ${((after.bytes - before.bytes) / 2 ** 20).toFixed(1)} MB, ${after.syncs - before.syncs} flushes, ${after.fpi - before.fpi} full pages`;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A replica's GC pauses over a span (bench/api-replica.mjs): scavenges and mark-compacts. */
interface GcPauses {
  minor: number;
  minorMaxMs: number;
  major: number;
  majorMaxMs: number;
}
interface ReplicaLoad {
  utilization: number;
  gc: GcPauses;
}

/**
 * The replicas' GC over a scenario, warm-up included: all their mark-compact pauses and the longest
 * of each kind. A pause stops every request in flight on that replica.
 */
function gcText(list: GcPauses[]): string {
  if (list.length === 0) return "";
  const major = list.reduce((n, g) => n + g.major, 0);
  const longest = (k: "minorMaxMs" | "majorMaxMs") => Math.max(...list.map((g) => g[k])).toFixed(0);
  return `, GC: ${major} mark-compacts${major ? ` (longest ${longest("majorMaxMs")} ms)` : ""}, longest scavenge ${longest("minorMaxMs")} ms`;
}

interface Replica {
  url: string;
  /** The replica's event-loop utilization (0–1) and GC pauses since the last call. */
  busy(): Promise<ReplicaLoad>;
  /** Ends the replica (stdin closed: it stops its server and jobs) and settles when it has exited. */
  stop(): Promise<void>;
}

/** Starts `n` server processes (bench/api-replica.mjs, on the build --server chose) on this store's PostgreSQL schema. */
async function startReplicas(n: number): Promise<Replica[]> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  const schema = rows[0].schema;
  const script = fileURLToPath(new URL("./api-replica.mjs", import.meta.url));
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Replica>((resolve, reject) => {
          // BENCH_REPLICA_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the replicas.
          const nodeArgs = (process.env.BENCH_REPLICA_NODE_ARGS ?? "").split(" ").filter(Boolean);
          const child = spawn(
            process.execPath,
            [
              ...nodeArgs,
              ...(values.server === "src" ? ["--import", "tsx"] : []),
              script,
              "--schema",
              schema,
              "--server",
              values.server,
              ...(TRACE ? ["--trace", TRACE] : []),
            ],
            {
              stdio: ["pipe", "pipe", "inherit"],
            },
          );
          machineTrace?.watch("replica", child.pid);
          let onBusy: ((u: ReplicaLoad) => void) | null = null;
          // With --trace, what the replica prints (node flags such as --trace-gc-nvp print there) is kept.
          const kept = TRACE ? createWriteStream(`${TRACE}/replica-${child.pid}.out`) : null;
          child.stdout.on("data", (d) => {
            kept?.write(d);
            const text = String(d);
            const busy = /busy ([\d.]+) gc (\{.*\})/.exec(text);
            if (busy && onBusy) onBusy({ utilization: Number(busy[1]), gc: JSON.parse(busy[2]) as GcPauses });
            const port = /listening (\d+)/.exec(text)?.[1];
            if (port)
              resolve({
                url: `http://127.0.0.1:${port}`,
                busy: () =>
                  new Promise((r) => {
                    onBusy = r;
                    child.stdin.write("busy\n");
                  }),
                stop: () =>
                  new Promise<void>((done) => {
                    if (child.exitCode !== null) return done();
                    child.once("exit", () => done());
                    child.stdin.end();
                  }),
              });
          });
          child.on("exit", (code) => reject(new Error(`replica exited with ${code}`)));
        }),
    ),
  );
}

/**
 * `dist/` must be built from the sources as they are: a bench of an older build would measure code
 * that is no longer there. Compares the newest source file with the build's entry point.
 */
function checkBuildIsCurrent() {
  const built = fileURLToPath(new URL("cli/main.js", SERVER_ROOT));
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    refuse(`${built} is missing: run \`npm run build\` first, or pass --server src`);
  }
  const src = fileURLToPath(new URL("../src/", import.meta.url));
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    // .ts files are compiled into dist/, .mjs ones copied (scripts/copy-build-assets.mjs)
    if (!entry.isFile() || !/\.(ts|mjs)$/.test(entry.name) || entry.name.endsWith(".test.ts")) continue;
    const file = `${entry.parentPath ?? entry.path}/${entry.name}`;
    if (file.includes("/src/web/")) continue;
    if (statSync(file).mtimeMs > builtAt) {
      refuse(`${file} is newer than dist/: run \`npm run build\` first, or pass --server src`);
    }
  }
}
