import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../ingest/index.js";
import type { ReviewResult } from "../terms/index.js";
import { reviewDocument } from "./review-document.js";

/** Reviews every bundled example and checks examples/expected/<file>.json findings_include / findings_exclude. */

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));
const EXPECTED = join(EXAMPLES, "expected");

interface Expected {
  file: string;
  kind: "good" | "weak" | "tricky";
  findings_include?: string[];
  findings_exclude?: string[];
}

const expectations: Expected[] = readdirSync(EXPECTED)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(EXPECTED, f), "utf8")) as Expected);

const reviews = new Map<string, ReviewResult>();
async function review(file: string): Promise<ReviewResult> {
  const cached = reviews.get(file);
  if (cached) return cached;
  const doc = await ingestFile(join(EXAMPLES, file));
  const result = reviewDocument(doc, { scenario: "general" });
  reviews.set(file, result);
  return result;
}

describe("findings on the bundled examples", () => {
  it("has examples to check", () => {
    expect(expectations.length).toBeGreaterThanOrEqual(8);
  });

  it.each(expectations.map((e) => [e.file, e] as const))("%s", async (_file, expected) => {
    const ids = (await review(expected.file)).findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(expected.findings_include ?? []));
    for (const id of expected.findings_exclude ?? []) expect(ids).not.toContain(id);
  });

  it("scores every good example above every weak or tricky one", async () => {
    const scores = await Promise.all(
      expectations.map(async (e) => ({ kind: e.kind, score: (await review(e.file)).score.overall })),
    );
    const good = scores.filter((s) => s.kind === "good").map((s) => s.score);
    const other = scores.filter((s) => s.kind !== "good").map((s) => s.score);
    expect(good.length).toBeGreaterThan(0);
    expect(Math.min(...good)).toBeGreaterThan(Math.max(...other));
  });
});
