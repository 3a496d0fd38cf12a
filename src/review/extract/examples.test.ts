import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Commitments, Span } from "../../terms/index.js";
import { extractCommitments } from "./index.js";

/** Checks every examples/expected/<file>.json: commitments (partial match), null fields, exact spans. */

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
const EXPECTED = join(EXAMPLES, "expected");
const TEXT_FORMATS = new Set([".txt", ".md"]);

interface Expected {
  file: string;
  language: string;
  kind: "good" | "weak" | "tricky";
  commitments: Record<string, unknown>;
  null_fields: string[];
}

type IngestFile = (path: string) => Promise<{ text: string }>;

async function loadIngest(): Promise<IngestFile | null> {
  const door = "../../ingest/index.js";
  try {
    const mod = (await import(/* @vite-ignore */ door)) as { ingestFile?: IngestFile };
    return mod.ingestFile ?? null;
  } catch {
    return null;
  }
}

function at(obj: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

/** Every span anywhere in a value. */
function collectSpans(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) for (const v of value) collectSpans(v, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (
      typeof o.start === "number" &&
      typeof o.end === "number" &&
      typeof o.text === "string" &&
      typeof o.line === "number"
    )
      out.push(o as unknown as Span);
    else for (const v of Object.values(o)) collectSpans(v, out);
  }
  return out;
}

/** Exclusions compare as a set: sort both sides by category. */
function byCategory<T extends { category?: unknown }>(list: T[] | undefined): T[] | undefined {
  return list ? [...list].sort((a, b) => String(a.category).localeCompare(String(b.category))) : list;
}

const files = existsSync(EXPECTED) ? readdirSync(EXPECTED).filter((f) => f.endsWith(".json")) : [];
const ingest = await loadIngest();

describe("examples/expected", () => {
  it("has at least five examples", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of files) {
    const expected = JSON.parse(readFileSync(join(EXPECTED, name), "utf8")) as Expected;
    const path = join(EXAMPLES, expected.file);
    const textual = TEXT_FORMATS.has(extname(expected.file));
    const runnable = existsSync(path) && (textual || ingest !== null);
    it.skipIf(!runnable)(`${expected.file} (${expected.kind}, ${expected.language})`, async () => {
      const text = ingest ? (await ingest(path)).text : readFileSync(path, "utf8");
      const { commitments, signals } = extractCommitments(text);
      const actual = { ...commitments, exclusions: byCategory(commitments.exclusions) } as Commitments;
      const want = { ...expected.commitments };
      if (Array.isArray(want.exclusions))
        want.exclusions = byCategory(want.exclusions as { category: string }[]);
      expect(actual).toMatchObject(want);
      for (const field of expected.null_fields) expect(at(commitments, field), field).toBeNull();
      for (const span of collectSpans([commitments, signals])) {
        expect(span.text).toBe(text.slice(span.start, span.end));
        expect(span.text.length).toBeGreaterThan(1);
        expect(span.line).toBe(text.slice(0, span.start).split("\n").length);
      }
    });
  }
});
