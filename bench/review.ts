/**
 * Review benchmark: median milliseconds of extractCommitments (and of reviewDocument when the review
 * module exports it) for a 10 KB and a 1 MB document built by concatenating the text examples.
 * Run: npx tsx bench/review.ts   (targets: ≤ 5 ms for 10 KB, ≤ 1 s for 1 MB, one core)
 */
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractCommitments } from "../src/review/extract/index.js";

const EXAMPLES = fileURLToPath(new URL("../examples/", import.meta.url));
const corpus = readdirSync(EXAMPLES)
  .filter((f) => [".txt", ".md"].includes(extname(f)))
  .sort()
  .map((f) => readFileSync(join(EXAMPLES, f), "utf8"))
  .join("\n\n");

/** A document of about `bytes` UTF-8 bytes, cut at a line end. */
function documentOf(bytes: number): string {
  let text = "";
  while (Buffer.byteLength(text) < bytes) text += `${corpus}\n\n`;
  const cut = Buffer.from(text).subarray(0, bytes).toString("utf8");
  return cut.slice(0, cut.lastIndexOf("\n") + 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall-clock and median CPU milliseconds (CPU time is what a shared, busy machine distorts least). */
function time(fn: () => unknown, runs: number): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const show = (t: { wall: number; cpu: number }) =>
  `median ${t.wall.toFixed(2)} ms wall, ${t.cpu.toFixed(2)} ms cpu`;

type ReviewDocument = (doc: {
  name: string;
  text: string;
  language: "zh" | "en" | "mixed";
  sha256: string;
}) => unknown;

async function loadReviewDocument(): Promise<ReviewDocument | null> {
  const door = "../src/review/index.js";
  try {
    const mod = (await import(door)) as { reviewDocument?: ReviewDocument };
    return mod.reviewDocument ?? null;
  } catch {
    return null;
  }
}

const reviewDocument = await loadReviewDocument();
const rows: string[] = [];
for (const [label, bytes, runs, target] of [
  ["10 KB", 10 * 1024, 200, 5],
  ["1 MB", 1024 * 1024, 7, 1000],
] as const) {
  const text = documentOf(bytes);
  const extract = time(() => extractCommitments(text), runs);
  const verdict = Math.min(extract.wall, extract.cpu) <= target ? "ok" : "OVER";
  let line = `${label.padEnd(6)} extractCommitments ${show(extract)} (target ≤ ${target} ms) ${verdict}`;
  if (reviewDocument) {
    const doc = { name: `bench-${label}`, text, language: "mixed" as const, sha256: "0".repeat(64) };
    const review = time(() => reviewDocument(doc), runs);
    line += ` | reviewDocument ${show(review)}`;
  }
  rows.push(line);
}
console.log(rows.join("\n"));
console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${(await import("node:os")).cpus().length} cores`,
);
