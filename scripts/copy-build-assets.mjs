// Completes dist/ after tsc (run by `npm run build`): copies the plain-JavaScript files tsc does not
// emit, and compiles the YAML data in data/ to JSON (dist/data-files/compiled/) so the CLI does not
// parse YAML at every start. data/ stays the source of truth: a compiled file is used only while its
// YAML is unchanged.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

const FILES = ["store/pglite-worker.mjs", "sandbox/sandbox-worker.mjs"];
for (const file of FILES) {
  mkdirSync(new URL(`../dist/${file.slice(0, file.lastIndexOf("/"))}`, import.meta.url), { recursive: true });
  copyFileSync(new URL(`../src/${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url));
}

const { compileDataFiles, COMPILED_DIR } = await import("../dist/data-files/index.js");
rmSync(COMPILED_DIR, { recursive: true, force: true });
compileDataFiles(COMPILED_DIR);
