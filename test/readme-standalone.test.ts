import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** A user's clone has only this repository: the docs may name no file outside it or missing in it. */
const ROOT = new URL("../", import.meta.url);
const DOCS = [
  "README.md",
  "DEVELOPERS.md",
  ...readdirSync(new URL("docs/", ROOT))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Repository paths a document names: Markdown link targets and `code` spans that look like paths. */
function namedPaths(doc: string, text: string): string[] {
  const base = doc.includes("/") ? doc.slice(0, doc.lastIndexOf("/") + 1) : "";
  const out = new Set<string>();
  for (const m of text.matchAll(/\]\(([^)#\s]+)\)/g)) {
    const target = m[1] as string;
    if (!/^[a-z]+:/.test(target)) out.add(new URL(target, new URL(base, ROOT)).href.slice(ROOT.href.length));
  }
  for (const m of text.matchAll(/(?<![\w./-])((?:examples|docs|data|src|scripts|bench|bin)\/[\w./-]*\w)/g)) {
    out.add(m[1] as string);
  }
  return [...out];
}

describe("README and docs stand alone", () => {
  it.each(DOCS)("%s names no file outside the repository", (doc) => {
    expect(readFileSync(new URL(doc, ROOT), "utf8")).not.toMatch(/\.\.\/shared|CONTRACTS\.md/);
  });

  it.each(DOCS)("every repository path %s names exists", (doc) => {
    const text = readFileSync(new URL(doc, ROOT), "utf8");
    const missing = namedPaths(doc, text).filter((p) => !existsSync(fileURLToPath(new URL(p, ROOT))));
    expect(missing).toEqual([]);
  });
});
