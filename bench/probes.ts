// Probe scheduler benchmark: 5,000 HTTP probes at a 30 s interval against the local fake vendor
// (in a child process, 127.0.0.1 only) for 3 minutes (`--seconds N` to shorten, `--probes N`).
// Prints schedule drift p50/p99 (start − due), CPU and memory. Target: drift p99 < 1 s on 2 cores.
// Run: npx tsx bench/probes.ts [--seconds 60] [--probes 5000] [--concurrency 500]
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  type ProbeSample,
  ProbeScheduler,
  parseAllowlist,
  parseProbeDefinition,
  rollUpSamples,
  runProbe,
  startFakeVendor,
} from "../src/probes/index.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "180" },
    probes: { type: "string", default: "5000" },
    interval: { type: "string", default: "30" },
    concurrency: { type: "string", default: "500" },
    "vendor-child": { type: "boolean", default: false },
  },
});

if (values["vendor-child"]) {
  const vendor = await startFakeVendor({ faults: { latencyMs: 5 } });
  process.stdout.write(`${vendor.url}\n`);
  process.on("SIGTERM", () => void vendor.close().then(() => process.exit(0)));
} else {
  await bench();
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function bench(): Promise<void> {
  const seconds = Math.min(Number(values.seconds), 600);
  const count = Math.min(Number(values.probes), 20_000);
  const interval = Number(values.interval);
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--vendor-child"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`fake vendor exited (${code})`)));
  });
  const allow = parseAllowlist(["127.0.0.1"]);
  const probes = Array.from({ length: count }, (_, i) =>
    parseProbeDefinition({
      id: `b${i}`,
      url: `${url}/health?p=${i}`,
      interval_s: interval,
      jitter_s: 1,
      timeout_ms: 10_000,
    }),
  );
  const drifts: number[] = [];
  const samples: ProbeSample[] = [];
  let failed = 0;
  const scheduler = new ProbeScheduler({
    concurrency: Number(values.concurrency),
    run: (probe, attempt) => runProbe({ ctx: { region: "bench", allow }, input: { probe, attempt } }),
    onSample: (sample, info) => {
      drifts.push(info.driftMs);
      samples.push(sample);
      if (!sample.ok) failed++;
    },
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let peakRss = 0;
  const memTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 1000);
  scheduler.setProbes(probes);
  scheduler.start();
  process.stderr.write(`bench: ${count} probes every ${interval} s against ${url} for ${seconds} s …\n`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await scheduler.stop();
  clearInterval(memTimer);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const mem = process.memoryUsage();
  const r0 = performance.now();
  const rollups = rollUpSamples(samples);
  const rollupMs = performance.now() - r0;
  child.kill("SIGTERM");
  drifts.sort((a, b) => a - b);
  const latencies = samples.map((s) => s.timings_ms.total ?? 0).sort((a, b) => a - b);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const out = {
    probes: count,
    interval_s: interval,
    seconds: Math.round(elapsed),
    runs: drifts.length,
    runs_per_s: Math.round(drifts.length / elapsed),
    failed,
    drift_ms: {
      p50: Math.round(quantile(drifts, 0.5)),
      p99: Math.round(quantile(drifts, 0.99)),
      max: Math.round(drifts[drifts.length - 1] ?? 0),
    },
    probe_total_ms: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) },
    cpu: {
      user_s: +(cpu.user / 1e6).toFixed(1),
      system_s: +(cpu.system / 1e6).toFixed(1),
      percent_of_one_core: Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 100),
    },
    memory: { rss: mb(mem.rss), peak_rss: mb(peakRss), heap_used: mb(mem.heapUsed) },
    event_loop_delay_ms: {
      p50: +(loop.percentile(50) / 1e6).toFixed(1),
      p99: +(loop.percentile(99) / 1e6).toFixed(1),
    },
    rollup: { samples: samples.length, rollups: rollups.length, ms: Math.round(rollupMs) },
    machine: { cpus: cpus().length, load_avg_1m: +loadavg()[0].toFixed(1) },
    concurrency: Number(values.concurrency),
    target: "drift p99 < 1000 ms",
    met: quantile(drifts, 0.99) < 1000,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
