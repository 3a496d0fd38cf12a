/**
 * One replica of `bench/api.ts --pg --replicas N`: the API and the background jobs of `termsight
 * serve` on the bench's PostgreSQL schema, until stdin closes. Plain JavaScript, started with plain
 * `node` on `dist/` (what `npm start` runs), or with `--import tsx` on `src/` (`--server src`).
 * Prints "listening <port>", and for each line read on stdin "busy <utilization> gc <json>": the
 * event loop's utilization and this process's GC pauses since the previous line (count and longest
 * pause of scavenges and of mark-compacts), so that the bench can print them with each scenario.
 *
 *   node bench/api-replica.mjs --schema S --server dist|src [--trace DIR]
 * BENCH_REPLICA_NO_JOBS=1: the API alone, to tell the jobs' share of a tail from the API's.
 */
import { constants, PerformanceObserver, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    schema: { type: "string" },
    server: { type: "string", default: "dist" },
    trace: { type: "string", default: "" },
  },
});
if (!values.schema) throw new Error("api-replica: --schema is required");
const root = new URL(`../${values.server}/`, import.meta.url);
const { openStore } = await import(new URL("store/index.js", root).href);
const { TEST_PG_URL } = await import(new URL("store/testing.js", root).href);
const { buildServer, startBackgroundJobs } = await import(new URL("server/index.js", root).href);
const { traceServerProcess } = values.trace ? await import("./api-trace-process.mjs") : {};

const store = await openStore({ databaseUrl: TEST_PG_URL, schema: values.schema });
const server = await buildServer({ store, webRoot: null });
const trace = values.trace ? traceServerProcess(values.trace, server) : null;
const jobs =
  process.env.BENCH_REPLICA_NO_JOBS === "1"
    ? null
    : await startBackgroundJobs({
        db: store.db,
        store,
        onError: () => {},
        log: trace ? (message, details) => trace.log(message, details) : undefined,
      });
await server.listen({ port: 0, host: "127.0.0.1" });
const addr = server.server.address();
process.stdout.write(`listening ${typeof addr === "object" && addr ? addr.port : 0}\n`);
let since = performance.eventLoopUtilization();
const newPauses = () => ({ minor: 0, minorMaxMs: 0, major: 0, majorMaxMs: 0 });
let pauses = newPauses();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      pauses.minor++;
      pauses.minorMaxMs = Math.max(pauses.minorMaxMs, e.duration);
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      pauses.major++;
      pauses.majorMaxMs = Math.max(pauses.majorMaxMs, e.duration);
    }
  }
}).observe({ entryTypes: ["gc"] });
process.stdin.on("data", () => {
  const now = performance.eventLoopUtilization();
  const utilization = performance.eventLoopUtilization(now, since).utilization;
  process.stdout.write(`busy ${utilization} gc ${JSON.stringify(pauses)}\n`);
  since = now;
  pauses = newPauses();
});
process.stdin.resume();
await new Promise((r) => process.stdin.on("end", r));
await server.close();
await jobs?.stop();
trace?.stop();
await store.close();
process.exit(0);
