/**
 * npm run bench:availability  (tsx bench/availability.ts)
 * A month of evidence for one contract: 5 regions probing every 30 s (446,400 samples) plus a
 * 1,000,000-line customer request log, recomputed with every bundled vendor formula, and the claim
 * letter rendered with its per-minute evidence CSV, and a month of latency targets judged per region.
 * Prints ms per formula, the log import rate and the heap used.
 */

import type { Observation } from "../src/availability/index.js";
import {
  computeAvailability,
  evidenceCsv,
  monthPeriod,
  parseRequestLog,
  prepareClaim,
  renderClaim,
  vendorFormulas,
} from "../src/availability/index.js";
import { evaluateLatency, type LatencySample } from "../src/latency/index.js";
import { LatencyTarget } from "../src/terms/index.js";

const TZ = "Asia/Shanghai";
const start = Date.parse("2026-10-01T00:00:00+08:00");
const end = Date.parse("2026-11-01T00:00:00+08:00");
const regions = ["cn-shanghai", "cn-beijing", "sg", "fra", "us-east"];

let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const probes: Observation[] = [];
for (let t = start; t < end; t += 30_000) {
  const outage = (t - start) % (3 * 86_400_000) < 20 * 60_000; // 20 min of outage every 3 days
  for (const region of regions) {
    const ok = outage ? random() < 0.2 : random() > 0.0005;
    probes.push({
      t: t + Math.floor(random() * 1000),
      ok,
      status: ok ? 200 : 503,
      latency_ms: 80,
      region,
      source: "probe",
    });
  }
}

const lines = ["timestamp,status,latency_ms,region"];
for (let i = 0; i < 1_000_000; i++) {
  const t = start + Math.floor(((end - start) * i) / 1_000_000);
  lines.push(`${new Date(t).toISOString()},${random() < 0.001 ? 503 : 200},${50 + (i % 200)},sg`);
}
const csv = lines.join("\n");

const t0 = performance.now();
const log = parseRequestLog(csv, { name: "bench.csv" });
const importMs = performance.now() - t0;
const observations = [...probes, ...log.observations].sort((a, b) => a.t - b.t);
console.log(`evidence: ${probes.length} probe samples + ${log.imported} log lines`);
console.log(
  `request log import: ${importMs.toFixed(0)} ms (${Math.round(log.imported / (importMs / 1000)).toLocaleString("en")} lines/s)`,
);

for (const id of Object.keys(vendorFormulas)) {
  const a = performance.now();
  const r = computeAvailability({ formula: id, period: "2026-10", timezone: TZ, observations });
  const ms = performance.now() - a;
  console.log(
    `${id.padEnd(18)} ${ms.toFixed(0).padStart(5)} ms  measured ${r.measured_percent?.toFixed(4)}%  down slots ${r.down_slots.length}`,
  );
}

const b = performance.now();
const claim = prepareClaim({
  contract: { name: "bench" },
  commitments: { availability: { target_percent: 99.95 }, credits: null, maintenance: null },
  formula: "tencent-trtc",
  period: "2026-10",
  timezone: TZ,
  observations,
  calendar: { nextOpen: (at) => at },
});
const html = renderClaim(claim, { lang: "zh", format: "html" });
console.log(
  `claim + HTML letter: ${(performance.now() - b).toFixed(0)} ms (${(html.length / 1024).toFixed(0)} KiB)`,
);
const c = performance.now();
const evidence = evidenceCsv(claim.evidence);
console.log(
  `evidence CSV: ${claim.evidence.length} minutes, ${(evidence.length / 1024).toFixed(0)} KiB, ${(performance.now() - c).toFixed(0)} ms`,
);

const latencySamples: LatencySample[] = probes.map((o) => ({
  t: o.t,
  probe_id: "p",
  region: o.region,
  values: { connect: 50 + random() * 700, first_byte: 100 + random() * 900 },
}));
const targets = [
  LatencyTarget.parse({ metric: "connect", stat: "each", below_ms: 600 }),
  LatencyTarget.parse({ metric: "first_byte", stat: "p95", below_ms: 950, window: "hour" }),
  LatencyTarget.parse({ metric: "first_byte", stat: "p99", below_ms: 990, window: "day" }),
];
const d = performance.now();
const latency = evaluateLatency({ targets, samples: latencySamples, period: monthPeriod("2026-10", TZ) });
console.log(
  `latency: ${latencySamples.length} samples × ${targets.length} targets × ${regions.length} regions: ${(performance.now() - d).toFixed(0)} ms (met: ${latency.met})`,
);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
