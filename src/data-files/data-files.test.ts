import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { compileDataFiles, listDataFiles, readDataFile } from "./index.js";

const temps: string[] = [];
function tempDir(): URL {
  const dir = mkdtempSync(join(tmpdir(), "termsight-data-files-"));
  temps.push(dir);
  return pathToFileURL(`${dir}/`);
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("compiled data (the built CLI's fast path)", () => {
  it("gives the same value as the YAML for every bundled data file", () => {
    const compiled = tempDir();
    const paths = compileDataFiles(compiled);
    expect(paths).toEqual(
      expect.arrayContaining(["review/lexicon.yaml", "review/rules.yaml", "holidays/cn-2026.yaml"]),
    );
    for (const path of paths) {
      const fromYaml = readDataFile(path, { compiledDir: null });
      expect(readDataFile(path, { compiledDir: compiled }), path).toStrictEqual(fromYaml);
    }
  });

  it("uses the compiled JSON while the YAML is unchanged and the YAML once it is edited", () => {
    const data = tempDir();
    const compiled = tempDir();
    writeFileSync(new URL("a.yaml", data), "x: 1\n");
    compileDataFiles(compiled, data);
    // Overwrite the compiled value (same hash) to tell which path answered.
    writeFileSync(
      new URL("a.yaml.json", compiled),
      JSON.stringify({ sha256: sha256("x: 1\n"), value: { x: "from json" } }),
    );
    expect(readDataFile("a.yaml", { dataDir: data, compiledDir: compiled })).toEqual({ x: "from json" });
    writeFileSync(new URL("a.yaml", data), "x: 2\n");
    expect(readDataFile("a.yaml", { dataDir: data, compiledDir: compiled })).toEqual({ x: 2 });
  });

  it("lists files in sub-folders by their data path", () => {
    const data = tempDir();
    mkdirSync(new URL("sub/", data));
    writeFileSync(new URL("sub/b.yml", data), "[1, 2]\n");
    writeFileSync(new URL("notes.tsv", data), "a\tb\n");
    expect(listDataFiles(data)).toEqual(["sub/b.yml"]);
    const compiled = tempDir();
    compileDataFiles(compiled, data);
    expect(readDataFile("sub/b.yml", { dataDir: data, compiledDir: compiled })).toEqual([1, 2]);
  });

  it("refuses to compile a value JSON would change (Infinity)", () => {
    const data = tempDir();
    writeFileSync(new URL("c.yaml", data), "limit: .inf\n");
    expect(() => compileDataFiles(tempDir(), data)).toThrow(InputError);
  });
});

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
