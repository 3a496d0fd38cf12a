// Completes dist/ after tsc (run by `npm run build`): copies the plain-JavaScript files tsc does not
// emit, compiles the YAML data in data/ to JSON (dist/data-files/compiled/) so the CLI does not
// parse YAML at every start (data/ stays the source of truth: a compiled file is used only while its
// YAML is unchanged), and bundles the `review` command into one file for a fast start.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FILES = ["store/pglite-worker.mjs", "store/statement-cache.mjs", "sandbox/sandbox-worker.mjs"];
for (const file of FILES) {
  mkdirSync(new URL(`../dist/${file.slice(0, file.lastIndexOf("/"))}`, import.meta.url), { recursive: true });
  copyFileSync(new URL(`../src/${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url));
}

const { compileDataFiles, COMPILED_DIR } = await import("../dist/data-files/index.js");
rmSync(COMPILED_DIR, { recursive: true, force: true });
compileDataFiles(COMPILED_DIR);

// The review bundle and its V8 code cache (src/cli/review-bundle.ts). Without esbuild (a build
// tool, installed with the dev dependencies) the CLI still works: review loads dist/ as ES modules.
const bundleDir = new URL("../dist/bundle/", import.meta.url);
rmSync(bundleDir, { recursive: true, force: true });
const { bundleReviewCli } = await import("./bundle-review-cli.mjs");
try {
  await bundleReviewCli({
    entry: fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)),
    outfile: fileURLToPath(new URL("review.cjs", bundleDir)),
  });
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND") throw err;
  console.warn(`copy-build-assets: no esbuild, so no review bundle (${err.message.split("\n")[0]})`);
}
// One review of examples in text, Markdown and HTML writes the code cache (with the functions those
// paths compile), so the first start after a build is fast too.
const launcher = fileURLToPath(new URL("../bin/termsight.mjs", import.meta.url));
const examples = ["suyu-ai-support-zh.txt", "orbitone-voice-sla-en.md", "lumen-voice-sla.html"].map((name) =>
  fileURLToPath(new URL(`../examples/${name}`, import.meta.url)),
);
const warm = spawnSync(process.execPath, [launcher, "review", ...examples, "--format", "json"], {
  encoding: "utf8",
});
if (warm.status !== 0) throw new Error(`copy-build-assets: the warm-up review failed: ${warm.stderr}`);
