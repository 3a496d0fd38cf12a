import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { InputError } from "../errors/index.js";
import { type CompiledDataFile, compiledNameOf, DATA_DIR, sha256Of } from "./read-data-file.js";

const DATA_FILE = /\.(ya?ml|json)$/;

/** Every data file's path under the folder (`review/rules.yaml`, …), sorted. */
export function listDataFiles(dataDir: URL = DATA_DIR): string[] {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && DATA_FILE.test(e.name))
    .map((e) => {
      const dir = fileURLToPath(dataDir);
      const full = `${e.parentPath ?? (e as { path?: string }).path}/${e.name}`;
      return full.slice(dir.length).replace(/^\/+/, "").replaceAll("\\", "/");
    })
    .sort();
}

/**
 * Compiles each YAML data file to JSON under outDir (run by the build). A value JSON cannot carry
 * exactly (Infinity, NaN, a date, a map) fails the build rather than change the data silently.
 */
export function compileDataFiles(outDir: URL, dataDir: URL = DATA_DIR): string[] {
  const paths = listDataFiles(dataDir);
  for (const path of paths) {
    const text = readFileSync(new URL(path, dataDir), "utf8");
    const value = parse(text);
    const json = JSON.stringify({ sha256: sha256Of(text), value } satisfies CompiledDataFile);
    if (!isDeepStrictEqual((JSON.parse(json) as CompiledDataFile).value, value)) {
      throw new InputError(`data/${path}`, "holds a value JSON cannot represent (Infinity, NaN, a date?)");
    }
    const out = new URL(compiledNameOf(path), outDir);
    mkdirSync(dirname(fileURLToPath(out)), { recursive: true });
    writeFileSync(out, json);
  }
  return paths;
}
