import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import vm from "node:vm";

/**
 * Fast start for `termsight review`: the build bundles the review path into one CommonJS file
 * (scripts/bundle-review-cli.mjs) and this loads it through vm.Script with a V8 code cache kept next
 * to it, so a start deserialises compiled code instead of parsing ~2 MB of JavaScript. Node 20 has
 * no compile cache for ES modules (module.enableCompileCache is Node ≥ 22.1). The cache is written
 * after the first run (and after any run whose cache V8 rejected, e.g. another Node version).
 */

/** Where the build writes the bundle, relative to the package root. */
export const REVIEW_BUNDLE_PATH = "dist/bundle/review.cjs";

/** How a start used the code cache: read and accepted, missing (or stale), or refused by V8. */
export type CodeCacheUse = "used" | "absent" | "rejected";

export interface LoadedReviewBundle {
  /** The CLI's main() from the bundle. */
  main: (argv: string[]) => Promise<number>;
  cache: CodeCacheUse;
  /** Writes the code cache when this start had none it could use; false when it could not be written. */
  saveCodeCache(): boolean;
}

export const codeCacheFileOf = (bundleFile: string) => `${bundleFile}.v8-cache`;

/** Size and modification time of the bundle: a cache made for another build of it is never read. */
function stampOf(bundleFile: string): string {
  const s = statSync(bundleFile);
  return `${s.size}:${s.mtimeMs}`;
}

function readCodeCache(bundleFile: string, stamp: string): Buffer | undefined {
  try {
    const bytes = readFileSync(codeCacheFileOf(bundleFile));
    const newline = bytes.indexOf(10);
    if (newline < 0 || bytes.subarray(0, newline).toString("utf8") !== stamp) return undefined;
    return bytes.subarray(newline + 1);
  } catch {
    return undefined; // no cache yet
  }
}

/**
 * The bundle at `root`, or null when the launcher should load the ES modules instead: no bundle,
 * TERMSIGHT_NO_BUNDLE set, or a bundle older than dist/cli/main.js (tsc ran again without
 * scripts/copy-build-assets.mjs, so the bundle may hold older code).
 */
export function freshReviewBundle(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TERMSIGHT_NO_BUNDLE) return null;
  const bundleFile = join(root, REVIEW_BUNDLE_PATH);
  try {
    if (statSync(bundleFile).mtimeMs < statSync(join(root, "dist/cli/main.js")).mtimeMs) return null;
  } catch {
    return null;
  }
  return bundleFile;
}

/** Compiles and runs the bundle (a CommonJS module), using and keeping its code cache. */
export function loadReviewBundle(file: string): LoadedReviewBundle {
  const bundleFile = resolve(file); // require() and stack traces need an absolute path
  const stamp = stampOf(bundleFile);
  const cachedData = readCodeCache(bundleFile, stamp);
  const source = readFileSync(bundleFile, "utf8");
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundleFile,
    cachedData,
    // import() inside the bundle (other commands, packages loaded lazily) goes to Node's own loader.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache: CodeCacheUse =
    cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "used";
  const module = { exports: {} as { main?: LoadedReviewBundle["main"] } };
  script.runInThisContext()(
    module.exports,
    createRequire(bundleFile),
    module,
    bundleFile,
    dirname(bundleFile),
  );
  const main = module.exports.main;
  if (typeof main !== "function") throw new Error(`${bundleFile}: the bundle exports no main()`);
  return {
    main,
    cache,
    saveCodeCache() {
      if (cache === "used") return true;
      const file = codeCacheFileOf(bundleFile);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        // Made after the run, the cache also holds the functions the run compiled lazily.
        writeFileSync(temporary, Buffer.concat([Buffer.from(`${stamp}\n`), script.createCachedData()]));
        renameSync(temporary, file); // atomic: a concurrent start reads the old cache or the new one
        return true;
      } catch {
        return false; // e.g. a read-only install: the next start compiles again
      }
    },
  };
}
