// Copies the plain-JavaScript files tsc does not emit into dist/ (run by `npm run build`).
import { copyFileSync, mkdirSync } from "node:fs";

const FILES = ["store/pglite-worker.mjs", "sandbox/sandbox-worker.mjs"];
for (const file of FILES) {
  mkdirSync(new URL(`../dist/${file.slice(0, file.lastIndexOf("/"))}`, import.meta.url), { recursive: true });
  copyFileSync(new URL(`../src/${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url));
}
