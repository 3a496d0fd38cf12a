/**
 * CLI start benchmark: wall time of `termsight review` (the built bin/termsight.mjs) of a 10 KB
 * document against `node -e ""` (Node's own start), run alternately in the same process so both see
 * the same machine load. Prints medians and their ratio. Goal: review ≤ 4× node's start.
 * Run: npm run bench:cli [-- RUNS] [--bin OTHER/bin/termsight.mjs]   (needs the CLI built: npx tsc -p tsconfig.build.json && node scripts/copy-build-assets.mjs)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
// `--bin FILE` times another build's launcher (e.g. a checkout of an older commit, for before/after).
const { values: options, positionals } = parseArgs({
  options: { bin: { type: "string" } },
  allowPositionals: true,
});
const BIN = resolve(options.bin ?? join(ROOT, "bin/termsight.mjs"));
const RUNS = Number(positionals[0] ?? 15);

if (!existsSync(join(dirname(BIN), "../dist/cli/main.js"))) {
  console.error(
    "bench:cli: dist/ is missing; build first: npx tsc -p tsconfig.build.json && node scripts/copy-build-assets.mjs",
  );
  process.exit(2);
}

/** A ~10 KB text document built from the text examples, cut at a line end. */
function documentOf(bytes: number): string {
  const examples = join(ROOT, "examples");
  const corpus = readdirSync(examples)
    .filter((f) => [".txt", ".md"].includes(extname(f)))
    .sort()
    .map((f) => readFileSync(join(examples, f), "utf8"))
    .join("\n\n");
  let text = "";
  while (Buffer.byteLength(text) < bytes) text += `${corpus}\n\n`;
  const cut = Buffer.from(text).subarray(0, bytes).toString("utf8");
  return cut.slice(0, cut.lastIndexOf("\n") + 1);
}

const dir = mkdtempSync(join(tmpdir(), "termsight-bench-cli-"));
const file = join(dir, "terms-10k.md");
writeFileSync(file, documentOf(10 * 1024));

/**
 * CPU milliseconds (user + system) of this process's waited-for children, from /proc (Linux; null
 * elsewhere). Clock ticks are 10 ms on Linux (USER_HZ 100). CPU time is what a busy machine distorts least.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime
  } catch {
    return null;
  }
}

/** Wall and CPU milliseconds of one child process; fails loudly if the child fails. */
function timeRun(args: string[]): { wall: number; cpu: number | null } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
  const wall = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.split("\n")[0]}`);
  return { wall, cpu: c0 === null || c1 === null ? null : c1 - c0 };
}

/** The machine's load averages (Linux), printed with the figures: wall times mean little on a busy machine. */
function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "n/a";
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;

const node: { wall: number; cpu: number | null }[] = [];
const review: { wall: number; cpu: number | null }[] = [];
const reviewArgs = [BIN, "review", file, "--format", "json"];
const loadBefore = loadAverage();
try {
  // One untimed warm-up of each fills the file cache.
  timeRun(["-e", ""]);
  timeRun(reviewArgs);
  for (let i = 0; i < RUNS; i++) {
    node.push(timeRun(["-e", ""]));
    review.push(timeRun(reviewArgs));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const wall = (v: typeof node) => median(v.map((x) => x.wall));
const cpu = (v: typeof node) => (v[0]?.cpu == null ? null : median(v.map((x) => x.cpu as number)));
const show = (v: typeof node) => {
  const c = cpu(v);
  return `median ${wall(v).toFixed(1)} ms wall${c === null ? "" : `, ${c.toFixed(0)} ms cpu`} (${RUNS} runs)`;
};
console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after`);
console.log(`node -e "":              ${show(node)}`);
console.log(`termsight review 10 KB:  ${show(review)}  [${BIN}]`);
const cpuRatio =
  cpu(node) && cpu(review) !== null
    ? ` (cpu ${((cpu(review) as number) / (cpu(node) as number)).toFixed(2)}×)`
    : "";
console.log(`ratio: ${(wall(review) / wall(node)).toFixed(2)}× node's start wall${cpuRatio}; goal ≤ 4×`);
