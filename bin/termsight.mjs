#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (prepare → build).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist/cli/main.js");
if (!existsSync(entry)) {
  process.stderr.write(
    "termsight: not built yet (dist/cli/main.js missing): run `npm install` or `npm run build`\n",
  );
  process.exit(2);
}
const argv = process.argv.slice(2);
// `review` starts from its one-file bundle and V8 code cache (src/cli/review-bundle.ts); the other
// commands, and review without a current bundle, load dist/ as ES modules.
const bundleLoader = join(root, "dist/cli/review-bundle.js");
const bundled =
  argv[0] === "review" && existsSync(bundleLoader) ? await import(pathToFileURL(bundleLoader).href) : null;
const bundleFile = bundled?.freshReviewBundle(root) ?? null;
if (bundleFile) {
  const loaded = bundled.loadReviewBundle(bundleFile);
  process.exitCode = await loaded.main(argv);
  loaded.saveCodeCache();
} else {
  const { main } = await import(pathToFileURL(entry).href);
  process.exitCode = await main(argv);
}
