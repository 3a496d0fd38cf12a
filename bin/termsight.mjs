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
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
