import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Span } from "../../terms/index.js";
import { extractCommitments } from "./index.js";

/** Every span the extractor returns is exact: text === documentText.slice(start, end), line is right. */

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
const TEXT_FORMATS = [".txt", ".md"];

type IngestFile = (path: string) => Promise<{ text: string }>;

/** Binary examples (PDF, DOCX, HTML) are read through ingest once it exists. */
async function loadIngest(): Promise<IngestFile | null> {
  const door = "../../ingest/index.js";
  try {
    const mod = (await import(/* @vite-ignore */ door)) as { ingestFile?: IngestFile };
    return mod.ingestFile ?? null;
  } catch {
    return null;
  }
}

const ingest = await loadIngest();
const files = readdirSync(EXAMPLES).filter((f) => extname(f) !== "" && f !== "expected");
const texts: string[] = [];
for (const f of files) {
  const path = join(EXAMPLES, f);
  if (ingest) texts.push((await ingest(path)).text);
  else if (TEXT_FORMATS.includes(extname(f))) texts.push(readFileSync(path, "utf8"));
}

function spansOf(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) for (const v of value) spansOf(v, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.start === "number" && typeof o.end === "number" && typeof o.text === "string")
      out.push(o as unknown as Span);
    else for (const v of Object.values(o)) spansOf(v, out);
  }
  return out;
}

function assertExact(text: string): void {
  const { commitments, signals } = extractCommitments(text);
  for (const span of spansOf([commitments, signals])) {
    expect(span.text).toBe(text.slice(span.start, span.end));
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.line).toBe(text.slice(0, span.start).split("\n").length);
  }
}

const FRAGMENTS = [
  "P0 级故障：15 分钟内响应，4 小时内解决。",
  "| Severity 1 | Production down | 15 minutes | 24x7 |",
  "月度服务可用性低于 99.9% 但不低于 99% 的，赔偿 10%；",
  "Less than 99.0%\n\n25%",
  "服务商有权随时修改本协议。",
  "以下情况不计入：\n（1）网络波动；\n（2）第三方组件；",
  "说实话，我觉得要问清楚？",
  "\r\n",
  "\t",
  "  ",
  "🙂",
  "e.g. 99.95%",
];

describe("spans are exact", () => {
  it("on every text example", () => {
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of texts) assertExact(text);
  });

  it("on random slices and concatenations of the examples", () => {
    const all = texts.join("\n");
    fc.assert(
      fc.property(
        fc.nat({ max: all.length }),
        fc.nat({ max: 4000 }),
        fc.nat({ max: texts.length - 1 }),
        (from, length, other) => {
          assertExact(all.slice(from, from + length) + (texts[other] ?? "").slice(0, length));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("on random mixes of tricky fragments and arbitrary characters", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 30 }),
        (parts) => {
          assertExact(parts.join(""));
        },
      ),
      { numRuns: 200 },
    );
  });
});
