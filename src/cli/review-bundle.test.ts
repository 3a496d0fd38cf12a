import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain-JavaScript build script without type declarations
import { bundleReviewCli } from "../../scripts/bundle-review-cli.mjs";
import { memoryIo } from "./io.js";
import { main } from "./main.js";
import { codeCacheFileOf, freshReviewBundle, REVIEW_BUNDLE_PATH } from "./review-bundle.js";

/**
 * The review bundle (scripts/bundle-review-cli.mjs) run the way bin/termsight.mjs runs it must answer
 * exactly as the CLI's modules do, and reuse its V8 code cache on the next start.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Inside the repository (tmp/ is ignored by git) so the bundle finds node_modules as dist/bundle does.
mkdirSync(join(ROOT, "tmp"), { recursive: true });
const dir = mkdtempSync(join(ROOT, "tmp", "review-bundle-"));
const bundleFile = join(dir, "review.cjs");
const runner = join(dir, "run.mjs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await bundleReviewCli({ entry: join(ROOT, "src/cli/main.ts"), outfile: bundleFile });
  writeFileSync(
    runner,
    `const { loadReviewBundle } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "src/cli/review-bundle.ts")).href)});
const loaded = loadReviewBundle(process.argv[2]);
process.exitCode = await loaded.main(process.argv.slice(3));
process.stderr.write("CACHE " + loaded.cache + " SAVED " + loaded.saveCodeCache() + "\\n");\n`,
  );
}, 120_000);

/** One start of the bundle in a child process: exit code, output, and how the code cache was used. */
function runBundle(args: string[], stdin = "") {
  const r = spawnSync(process.execPath, ["--import", "tsx", runner, bundleFile, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input: stdin,
  });
  const cacheLine = /^CACHE (\w+) SAVED (\w+)$/m.exec(r.stderr);
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr.replace(/^CACHE .*\n/m, ""),
    cache: cacheLine?.[1],
    saved: cacheLine?.[2],
  };
}

async function runModules(args: string[], stdin = "") {
  const io = memoryIo(stdin, ROOT);
  io.cwd = ROOT; // as the child's working directory, so file names print alike
  const status = await main(args, io);
  return { status, stdout: io.out, stderr: io.err };
}

describe("the review bundle", () => {
  const example = (name: string) => join(ROOT, "examples", name);
  it.each([
    [["review", example("suyu-ai-support-zh.txt"), "--format", "json"]],
    [["review", example("orbitone-voice-sla-en.md"), "--format", "md", "--scenario", "voice-cs"]],
    [["review", example("kestrel-speech-support-en.docx"), "--format", "yaml"]],
    [["review", example("lumen-voice-sla.html"), "--format", "json", "--lang", "en"]],
    [["review", example("no-such-file.txt")]],
    [["review", example("suyu-ai-support-zh.txt"), "--format", "xml"]],
    [["review", example("suyu-ai-support-zh.txt"), "--fail-on", "low"]],
    [["review"]],
  ])(
    "answers %j as the modules do",
    async (args) => {
      const bundled = runBundle(args);
      const modules = await runModules(args);
      expect({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }).toEqual(modules);
    },
    180_000,
  );

  it("reads standard input for -", async () => {
    const text = "Support\nP1: response within 15 minutes, 7x24.\nMonthly availability 99.9%.\n";
    const bundled = runBundle(["review", "-", "--format", "json"], text);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe((await runModules(["review", "-", "--format", "json"], text)).stdout);
  }, 180_000);

  it("writes its code cache on the first start and uses it on the next", () => {
    rmSync(codeCacheFileOf(bundleFile), { force: true });
    const args = ["review", "examples/parlio-ai-terms-en.txt", "--format", "json"];
    const first = runBundle(args);
    expect([first.status, first.cache, first.saved]).toEqual([0, "absent", "true"]);
    const second = runBundle(args);
    expect([second.status, second.cache]).toEqual([0, "used"]);
    expect(second.stdout).toBe(first.stdout);
  }, 180_000);

  it("ignores a code cache made for another build of the bundle", () => {
    const args = ["review", "examples/parlio-ai-terms-en.txt", "--format", "json"];
    runBundle(args);
    const later = new Date(Date.now() + 5_000);
    utimesSync(bundleFile, later, later); // a rebuilt bundle: its stamp no longer matches the cache's
    const run = runBundle(args);
    expect([run.status, run.cache]).toEqual([0, "absent"]);
    expect(readFileSync(codeCacheFileOf(bundleFile), "utf8").split("\n")[0]).toMatch(/^\d+:\d/);
  }, 180_000);
});

describe("the launcher's choice of the bundle", () => {
  const root = join(dir, "root");
  const bundle = join(root, REVIEW_BUNDLE_PATH);
  const entry = join(root, "dist/cli/main.js");
  beforeAll(() => {
    mkdirSync(join(root, "dist/bundle"), { recursive: true });
    mkdirSync(join(root, "dist/cli"), { recursive: true });
  });
  const touch = (file: string, seconds: number) => {
    writeFileSync(file, "");
    utimesSync(file, seconds, seconds);
  };

  it("uses a bundle built after dist/cli/main.js", () => {
    touch(entry, 1_000);
    touch(bundle, 2_000);
    expect(freshReviewBundle(root, {})).toBe(bundle);
  });

  it("loads the modules when tsc ran after the bundle was built, or when told to", () => {
    touch(entry, 3_000);
    touch(bundle, 2_000);
    expect(freshReviewBundle(root, {})).toBeNull();
    touch(bundle, 4_000);
    expect(freshReviewBundle(root, { TERMSIGHT_NO_BUNDLE: "1" })).toBeNull();
  });

  it("loads the modules when there is no bundle", () => {
    rmSync(bundle, { force: true });
    expect(freshReviewBundle(root, {})).toBeNull();
  });
});
