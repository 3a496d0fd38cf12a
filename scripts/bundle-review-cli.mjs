// Bundles the CLI's `review` path (cli/main → commands/review and everything it imports statically
// or lazily, with the packages it needs) into one CommonJS file, so `termsight review` starts by
// compiling one file — from a V8 code cache after the first run (see src/cli/review-bundle.ts) —
// instead of resolving and compiling ~500 ES modules. Node 20 has no module compile cache
// (module.enableCompileCache is Node ≥ 22.1), but vm.Script accepts cached data for one script.
// Run by scripts/copy-build-assets.mjs; tests call bundleReviewCli on src/ directly.
import { readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/**
 * Packages that `review` loads only for PDF, DOCX and email input, or for the worker sandbox: left
 * out of the bundle and required at run time (all four ship CommonJS), so the bundle stays small.
 */
const LAZY_PACKAGES = ["unpdf", "mammoth", "mailparser", "piscina"];

/** The one CLI command in the bundle: every other command stays a runtime import of its own file. */
const BUNDLED_COMMAND = /^\.\/commands\/review\.(js|ts)$/;

const runtimeUrlOf = (path) =>
  `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(path)})).href`;

/**
 * Writes the bundle of `entry` (dist/cli/main.js, or src/cli/main.ts in tests) to `outfile`.
 * `import.meta.url` in each bundled file becomes that file's own URL, so data it finds relative to
 * itself (data/, compiled data, worker scripts) is found as before.
 * @param {{ entry: string, outfile: string }} options
 */
export async function bundleReviewCli({ entry, outfile }) {
  const { build } = await import("esbuild");
  const outdir = dirname(outfile);
  const cliDir = dirname(entry);
  const relativeToBundle = (path) => relative(outdir, path).split(sep).join("/");
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    keepNames: true, // names stay as written (error classes name themselves with new.target.name)
    external: LAZY_PACKAGES,
    logLevel: "error",
    metafile: true,
    plugins: [
      {
        name: "termsight-review-bundle",
        setup(b) {
          b.onLoad({ filter: /\.(m?js|ts)$/ }, (args) => {
            let contents = readFileSync(args.path, "utf8");
            const original = contents;
            if (contents.includes("import.meta.url")) {
              contents = contents.replaceAll("import.meta.url", runtimeUrlOf(relativeToBundle(args.path)));
            }
            if (dirname(args.path) === cliDir) {
              // Other commands: a runtime import of their own module, never bundled (and never run by
              // the launcher, which hands the bundle `review` only).
              contents = contents.replace(/\bimport\(("\.\/commands\/[^"]+")\)/g, (call, spec) => {
                const path = JSON.parse(spec);
                if (BUNDLED_COMMAND.test(path)) return call;
                return `import(${runtimeUrlOf(relativeToBundle(join(cliDir, path)))})`;
              });
            }
            if (contents === original) return undefined;
            return {
              contents,
              loader: args.path.endsWith(".ts") ? "ts" : "js",
              resolveDir: dirname(args.path),
            };
          });
        },
      },
    ],
  });
  return result.metafile;
}
