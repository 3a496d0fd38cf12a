/**
 * node bench/api-trace-summary.mjs DIR [--over 50] [--context 300]
 * Reads a `bench/api.ts --trace DIR` run and prints, per scenario, each stall window (100 ms buckets
 * where some request took longer than --over ms from its due instant, merged when adjacent) with what
 * the processes were doing from --context ms before it to its end: event-loop lags, GC pauses, slow
 * requests inside a server, job runs, PostgreSQL's background work and long statements, and the CPU
 * of each process group.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { over: { type: "string", default: "50" }, context: { type: "string", default: "300" } },
});
const dir = positionals[0];
if (!dir) {
  process.stderr.write("usage: node bench/api-trace-summary.mjs DIR [--over 50] [--context 300]\n");
  process.exit(2);
}
const OVER = Number(values.over);
const CONTEXT = Number(values.context);
const BUCKET = 100;

const files = readdirSync(dir);
const readLines = (f) =>
  readFileSync(`${dir}/${f}`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Every server's and the machine's entries, each tagged with where it came from. */
const events = [];
for (const f of files.filter((f) => f.endsWith(".jsonl"))) {
  const source = f.replace(/\.jsonl$/, "");
  for (const e of readLines(f)) events.push({ ...e, source });
}
events.sort((a, b) => a.t - b.t);
const cpu = events.filter((e) => e.kind === "cpu");

/** Load traces: one file per generator process, grouped by scenario (the file name's prefix). */
const scenarios = new Map();
for (const f of files.filter((f) => f.startsWith("load-") && f.endsWith(".json"))) {
  const name = f.replace(/^load-/, "").replace(/\.\d+\.json$/, "");
  const { t0, requests, lags = [], gcs = [] } = JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
  const list = scenarios.get(name) ?? [];
  for (const [due, latency, wire] of requests) list.push({ t: t0 + due, latency, wire, generator: f });
  scenarios.set(name, list);
  // the generator's own stalls: a late generator charges its lateness to the server
  const source = `load-${f
    .replace(/\.json$/, "")
    .split(".")
    .at(-1)}`;
  for (const [at, ms] of lags) events.push({ t: t0 + at, kind: "lag", ms, source });
  for (const [at, ms] of gcs) events.push({ t: t0 + at, kind: "gc", ms, source });
}
events.sort((a, b) => a.t - b.t);

const fmtTime = (t) => new Date(t).toISOString().slice(11, 23);
const pctl = (xs, p) => {
  if (xs.length === 0) return 0;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

for (const [name, requests] of scenarios) {
  requests.sort((a, b) => a.t - b.t);
  const start = requests[0].t;
  const end = requests.at(-1).t;
  const latencies = requests.map((r) => r.latency);
  const over = requests.filter((r) => r.latency > OVER);
  console.log(
    `\n== ${name}: ${requests.length} requests ${fmtTime(start)}–${fmtTime(end)}, p99 ${pctl(latencies, 99)} ms, ${over.length} over ${OVER} ms (${((100 * over.length) / requests.length).toFixed(2)} %)`,
  );
  // stall windows: buckets holding a request over the limit, merged when adjacent
  const windows = [];
  for (const r of over) {
    const b = Math.floor((r.t - start) / BUCKET);
    const w = windows.at(-1);
    if (w && b <= w.lastBucket + 1) {
      w.lastBucket = b;
      w.end = r.t + r.latency;
      w.count++;
      w.max = Math.max(w.max, r.latency);
      w.maxWire = Math.max(w.maxWire, r.wire);
    } else
      windows.push({
        firstBucket: b,
        lastBucket: b,
        start: r.t,
        end: r.t + r.latency,
        count: 1,
        max: r.latency,
        maxWire: r.wire,
      });
  }
  for (const w of windows) {
    console.log(
      `  stall ${fmtTime(w.start)}–${fmtTime(w.end)}: ${w.count} requests over ${OVER} ms, worst ${w.max} ms, longest on the wire ${w.maxWire} ms`,
    );
    const from = w.start - CONTEXT;
    const near = events.filter((e) => e.t >= from && e.t <= w.end && e.kind !== "cpu" && e.kind !== "heap");
    for (const e of near) {
      const { t, kind, source, ...rest } = e;
      console.log(`    ${fmtTime(t)} ${source.padEnd(14)} ${kind.padEnd(5)} ${JSON.stringify(rest)}`);
    }
    const c = cpu.filter((e) => e.t >= from && e.t <= w.end);
    if (c.length) {
      const groups = {};
      for (const e of c) for (const [g, v] of Object.entries(e.cores)) groups[g] = (groups[g] ?? 0) + v;
      const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
      console.log(
        `    cpu: machine ${(100 * avg(c.map((e) => e.busy))).toFixed(0)} % used, ${(100 * avg(c.map((e) => e.steal))).toFixed(0)} % stolen; cores by group ${Object.entries(
          groups,
        )
          .map(([g, v]) => `${g} ${(v / c.length).toFixed(2)}`)
          .join(
            ", ",
          )}${unaccounted(c)} (max machine sample ${(100 * Math.max(...c.map((e) => e.busy))).toFixed(0)} %)`,
      );
    }
  }
}

/**
 * Cores the machine used beyond the traced groups (other processes, kernel threads, and interrupt
 * work, which no process is charged for), and the interrupt share alone. Traces from before these
 * fields were recorded print nothing.
 */
function unaccounted(samples) {
  const known = samples.filter((e) => e.cpus !== undefined);
  if (known.length === 0) return "";
  let other = 0;
  let interrupts = 0;
  for (const e of known) {
    other += e.busy * e.cpus - Object.values(e.cores).reduce((a, b) => a + b, 0);
    interrupts += (e.interrupts ?? 0) * e.cpus;
  }
  return `, outside them ${(other / known.length).toFixed(2)} (interrupts ${(interrupts / known.length).toFixed(2)})`;
}

// The whole run: how the CPU was shared, and the job runs.
if (cpu.length) {
  const groups = {};
  for (const e of cpu) for (const [g, v] of Object.entries(e.cores)) groups[g] = (groups[g] ?? 0) + v;
  console.log(
    `\nwhole run: machine ${(100 * (cpu.reduce((a, e) => a + e.busy, 0) / cpu.length)).toFixed(0)} % used on average; cores by group ${Object.entries(
      groups,
    )
      .map(([g, v]) => `${g} ${(v / cpu.length).toFixed(2)}`)
      .join(", ")}${unaccounted(cpu)}`,
  );
}
const jobs = events.filter((e) => e.kind === "job" && e.message !== "job run");
for (const e of jobs) {
  const { t, kind, source, ...rest } = e;
  console.log(`${fmtTime(t)} ${source} ${JSON.stringify(rest)}`);
}
const gcs = events.filter((e) => e.kind === "gc");
if (gcs.length) {
  const byType = {};
  for (const g of gcs) {
    byType[g.gc] ??= [];
    byType[g.gc].push(g.ms);
  }
  console.log(
    `GC pauses ≥ 2 ms: ${Object.entries(byType)
      .map(([k, xs]) => `${k} ${xs.length} (p50 ${pctl(xs, 50)} ms, max ${Math.max(...xs)} ms)`)
      .join(", ")}`,
  );
}
