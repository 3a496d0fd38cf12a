/**
 * The per-process half of `bench/api.ts --trace DIR` (bench/api-trace.ts holds the machine's half):
 * plain JavaScript, so that a replica started from `dist/` (bench/api-replica.mjs) runs without a
 * TypeScript loader, as `npm start` does. Types: api-trace-process.d.mts.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { PerformanceObserver, performance } from "node:perf_hooks";

/** Lines buffered and written a few times a second, so tracing itself does not block the loop often. */
export function jsonlWriter(file) {
  writeFileSync(file, "");
  let lines = [];
  const flush = () => {
    if (lines.length === 0) return;
    appendFileSync(file, lines.join(""));
    lines = [];
  };
  const timer = setInterval(flush, 500);
  timer.unref();
  return {
    write(entry) {
      lines.push(
        `${JSON.stringify({ t: Math.round(performance.timeOrigin + performance.now()), ...entry })}\n`,
      );
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}

/** The event loop is sampled every 10 ms; a tick this much later than due is recorded as a lag. */
const LAG_MS = 10;
/** Requests the server itself took this long on are recorded with their route. */
const SLOW_REQUEST_MS = 25;
// perf_hooks.constants.NODE_PERFORMANCE_GC_*: MINOR 1 (scavenge), MAJOR 4 (the mark-compact pause),
// INCREMENTAL 8 (an incremental marking step), WEAKCB 16 (weak callbacks).
const GC_KINDS = { 1: "minor", 4: "major", 8: "incremental", 16: "weak callbacks" };

/**
 * Traces this server process (a replica, or the bench's own server) into DIR/<name>-<pid>.jsonl. With
 * replicas the bench process is traced too, as "bench": it serves nothing then, but a GC of its own
 * takes cores from the servers it measures.
 */
export function traceServerProcess(dir, app, name = "server") {
  const out = jsonlWriter(`${dir}/${name}-${process.pid}.jsonl`);
  let expected = performance.now() + LAG_MS;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    const lag = now - expected;
    if (lag >= LAG_MS)
      out.write({ kind: "lag", ms: Math.round(lag), t: Math.round(performance.timeOrigin + now - lag) });
    expected = now + LAG_MS;
  }, LAG_MS);
  const heapTimer = setInterval(() => {
    const m = process.memoryUsage();
    out.write({ kind: "heap", mb: Math.round(m.heapUsed / 2 ** 20) });
  }, 1000);
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration < 2) continue;
      const kind = e.detail?.kind;
      out.write({
        kind: "gc",
        t: Math.round(performance.timeOrigin + e.startTime),
        ms: Math.round(e.duration),
        gc: GC_KINDS[kind ?? 0] ?? String(kind),
      });
    }
  });
  gc.observe({ entryTypes: ["gc"] });
  app.addHook("onResponse", async (request, reply) => {
    if (reply.elapsedTime >= SLOW_REQUEST_MS)
      out.write({
        kind: "slow",
        ms: Math.round(reply.elapsedTime),
        t: Math.round(performance.timeOrigin + performance.now() - reply.elapsedTime),
        route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      });
  });
  return {
    log(message, details) {
      out.write({ kind: "job", message, ...details });
    },
    stop() {
      clearInterval(lagTimer);
      clearInterval(heapTimer);
      gc.disconnect();
      out.close();
    },
  };
}
