/**
 * The open-loop load side of bench/api.ts: requests at a constant arrival rate, each one's latency
 * measured from the instant the schedule says it should have been sent (as wrk2 and k6's
 * constant-arrival-rate do), so a stalled server is charged for every request it delayed.
 *
 * Why not autocannon's `overallRate`: it lets each connection send back to back until its share
 * of the second is used up, then waits for the next second (a burst at full speed each second,
 * not 500 requests spread over it), and it records each latency with an expected interval of
 * `ceil(1 / rate)` = 1 ms instead of 1000 / rate ms, so a response of L ms is counted L times
 * (L, L−1, … 1): a tail of a few slow responses in a thousand becomes the p99.
 *
 * Reads one JSON job from stdin, as bench/api-load.mjs does:
 * { url, method, paths: string[], body: "customer_reply" | null, headers, connections, duration, rate, warmup? }
 * and prints { requests, latency, service, non2xx, errors, timeouts, statusCodeStats, bytes } as JSON.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { RawHttpPool } from "./raw-http-pool.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);

const target = new URL(job.url);
const intervalMs = 1000 / job.rate;
const total = Math.max(1, Math.round(job.rate * job.duration));
/**
 * Requests sent first, on the same connections and at the same rate, and not recorded: the measured
 * part then starts in the steady state (this process's own JIT and the server's warm), as a server
 * in service is, not from a cold client opening its connections.
 */
const warmupCount = Math.round(job.rate * (job.warmup ?? 0));
/** How long to wait for the last responses after the schedule ends before counting them as timeouts. */
const DRAIN_MS = 10_000;

const latencies = [];
const services = [];
const statusCodeStats = {};
let non2xx = 0;
let errors = 0;
let bytes = 0;
let sent = 0;
let done = 0;

/**
 * The transport: bench/raw-http-pool.mjs (default), or node's http client with BENCH_LOAD_CLIENT=http
 * (the generator before, which spent about as much CPU per request as the server it measured).
 */
const useNodeHttp = process.env.BENCH_LOAD_CLIENT === "http";
const agent = useNodeHttp ? new http.Agent({ keepAlive: true, maxSockets: job.connections }) : null;
const pool = useNodeHttp
  ? null
  : new RawHttpPool({ host: target.hostname, port: Number(target.port), connections: job.connections });

function send(i, intended, record) {
  const path = job.paths[i % job.paths.length];
  const body =
    job.body === "customer_reply"
      ? JSON.stringify({ type: "customer_reply", at: new Date().toISOString() })
      : undefined;
  const headers = { ...job.headers };
  if (body === undefined) delete headers["content-type"];
  let started = 0;
  let finished = false;
  const onSent = () => {
    started = performance.now();
  };
  const onDone = (err, code, size) => {
    if (finished) return;
    finished = true;
    bytes += size;
    if (!record) return;
    if (err) {
      errors++;
      done++;
      return;
    }
    const end = performance.now();
    statusCodeStats[code] = { count: (statusCodeStats[code]?.count ?? 0) + 1 };
    if (code < 200 || code >= 300) non2xx++;
    else {
      latencies.push(end - intended);
      trace?.push([
        Math.round(intended - t0),
        Math.round(end - intended),
        Math.round(end - (started || intended)),
      ]);
      services.push(end - (started || intended));
    }
    done++;
  };
  if (pool) {
    pool.request(job.method, path, headers, body, onSent, onDone);
    return;
  }
  if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
  let size = 0;
  const req = http.request(
    { host: target.hostname, port: target.port, method: job.method, path, headers, agent },
    (res) => {
      res.on("data", (chunk) => {
        size += chunk.length;
      });
      res.on("end", () => onDone(null, res.statusCode ?? 0, size));
    },
  );
  // Time on the wire starts when a socket takes the request; before that it waits in the agent's queue.
  req.on("socket", onSent);
  req.on("error", (err) => onDone(err, 0, 0));
  req.end(body);
}

/**
 * The machine's CPU time by kind (/proc/stat, Linux): on a virtual machine "steal" is time the
 * hypervisor gave to someone else, which shows up here as stalls no code of ours can explain.
 */
function cpuTimes() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = fields.map(Number);
    return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
  } catch {
    return null;
  }
}
let cpuAtStart = null;

const start = performance.now() + 5;
/** The measured schedule starts a pause after the warm-up's, so no warm-up backlog is charged to it. */
const PAUSE_MS = warmupCount > 0 ? 1000 : 0;
const t0 = start + warmupCount * intervalMs + PAUSE_MS;
/** BENCH_LOAD_TRACE=file: { t0 (epoch ms), requests: every request's [due ms after t0, latency, time on the wire] }, to find stalls. */
const trace = process.env.BENCH_LOAD_TRACE ? [] : null;
/** With the trace: this process's own event-loop lags and GC pauses ([ms after t0, ms]), since a late generator looks like a slow server. */
const ownLags = [];
const ownGcs = [];
if (trace) {
  let expected = performance.now() + 10;
  setInterval(() => {
    const now = performance.now();
    if (now - expected >= 10) ownLags.push([Math.round(expected - t0), Math.round(now - expected)]);
    expected = now + 10;
  }, 10).unref();
  const { PerformanceObserver } = await import("node:perf_hooks");
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration >= 2) ownGcs.push([Math.round(e.startTime - t0), Math.round(e.duration)]);
  }).observe({ entryTypes: ["gc"] });
}
await new Promise((resolve) => {
  let k = 0; // requests scheduled so far, warm-up included
  const due = (n) => (n < warmupCount ? start + n * intervalMs : t0 + (n - warmupCount) * intervalMs);
  const tick = () => {
    const now = performance.now();
    while (k < warmupCount + total && due(k) <= now) {
      const record = k >= warmupCount;
      if (k === warmupCount) {
        process.stderr.write("measuring\n");
        cpuAtStart = cpuTimes();
      }
      send(k, due(k), record);
      if (record) sent++;
      k++;
    }
    if (k >= warmupCount + total) return resolve();
    setTimeout(tick, Math.max(0, due(k) - performance.now()));
  };
  tick();
});
const drainUntil = performance.now() + DRAIN_MS;
while (done < sent && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
const timeouts = sent - done;
const cpuAtEnd = cpuTimes();
const cpu = (() => {
  if (!cpuAtStart || !cpuAtEnd) return null;
  const d = (k) => cpuAtEnd[k] - cpuAtStart[k];
  const all = d("busy") + d("idle") + d("steal");
  return all > 0 ? { busy: d("busy") / all, steal: d("steal") / all } : null;
})();
const elapsed = (performance.now() - t0) / 1000;

const pct = (values, p) => {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (ms) => Math.round(ms * 10) / 10;
const summary = (values) => ({
  p50: round(pct(values, 50)),
  p90: round(pct(values, 90)),
  p99: round(pct(values, 99)),
  max: round(pct(values, 100)),
});
process.stdout.write(
  JSON.stringify({
    requests: { average: done / elapsed, total: done, sent },
    latency: summary(latencies),
    service: summary(services),
    non2xx,
    errors,
    timeouts,
    statusCodeStats,
    bytes,
    cpu,
  }),
);
agent?.destroy();
pool?.close();
if (trace)
  (await import("node:fs")).writeFileSync(
    `${process.env.BENCH_LOAD_TRACE}.${process.pid}.json`,
    // t0 as wall-clock time, so the traces of several generators (replicas) line up.
    JSON.stringify({
      t0: Date.now() - (performance.now() - t0),
      requests: trace,
      lags: ownLags,
      gcs: ownGcs,
    }),
  );
