// npm does not link a root package's own bin into node_modules/.bin; scripts and the
// contract check call node_modules/.bin/termsight, so link it after every install.
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binDir = join(root, "node_modules/.bin");
const target = join(root, "bin/termsight.mjs");
const link = join(binDir, "termsight");
mkdirSync(binDir, { recursive: true });
try {
  if (lstatSync(link)) unlinkSync(link);
} catch {}
symlinkSync(relative(binDir, target), link);
chmodSync(target, 0o755);
if (!existsSync(link)) throw new Error("could not link node_modules/.bin/termsight");
