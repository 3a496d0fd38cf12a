import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The bundled data folder: `data/` at the repository root, from `src/` and from `dist/` alike. */
export const DATA_DIR = new URL("../../data/", import.meta.url);

/**
 * Where the build writes compiled data (dist/data-files/compiled/<path>.json). Under src/ the folder
 * does not exist, so development and tests read the YAML.
 */
export const COMPILED_DIR = new URL("./compiled/", import.meta.url);

/** One compiled data file: the parsed value and the SHA-256 of the YAML text it came from. */
export interface CompiledDataFile {
  sha256: string;
  value: unknown;
}

export interface ReadDataOptions {
  /** Folder of the YAML sources (default: the bundled data/). */
  dataDir?: URL;
  /** Folder of compiled JSON; null reads the YAML only (default: next to this module). */
  compiledDir?: URL | null;
}

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

/** The compiled file's name for a data path: `review/rules.yaml` → `review/rules.yaml.json`. */
export const compiledNameOf = (path: string) => `${path}.json`;

function readCompiled(dir: URL, path: string): CompiledDataFile | null {
  try {
    return JSON.parse(readFileSync(new URL(compiledNameOf(path), dir), "utf8")) as CompiledDataFile;
  } catch {
    return null; // not built (src/, tests) or unreadable: the YAML is the source of truth anyway
  }
}

/**
 * A bundled data file (`data/<path>`, YAML or JSON) parsed. The YAML text is always read; when the
 * build compiled it to JSON from the same text (same SHA-256), the JSON is used: JSON.parse is many
 * times faster than the YAML parser, and a stale build (YAML edited since) falls back to the YAML.
 */
export function readDataFile(path: string, options: ReadDataOptions = {}): unknown {
  const text = readFileSync(new URL(path, options.dataDir ?? DATA_DIR), "utf8");
  const compiledDir = options.compiledDir === undefined ? COMPILED_DIR : options.compiledDir;
  if (compiledDir) {
    const compiled = readCompiled(compiledDir, path);
    if (compiled && compiled.sha256 === sha256Of(text)) return compiled.value;
  }
  return parse(text);
}
