import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Span } from "../../terms/index.js";
import { renderReview } from "../render/render-review.js";
import { reviewDocument } from "../review-document.js";
import { extractCommitments } from "./index.js";
import {
  hasTraditional,
  originalWording,
  parseHantTable,
  readingText,
  toSimplifiedChars,
} from "./zh-hant.js";

const fixture = (name: string) => readFileSync(new URL(`../__tests__/${name}`, import.meta.url), "utf8");
const hant = fixture("xiulian-sla-zh-hant.txt");
const hans = fixture("xiulian-sla-zh-hans.txt");
const tableSource = readFileSync(
  new URL("../../../data/review/zh-hant-to-hans.tsv", import.meta.url),
  "utf8",
);
const pairs = tableSource
  .split("\n")
  .filter((l) => l !== "" && !l.startsWith("#"))
  .map((l) => l.split("\t") as [string, string]);
const toHans = new Map(pairs);

function spansOf(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) for (const v of value) spansOf(v, out);
  else if (value && typeof value === "object") {
    if ("start" in value && "end" in value && "text" in value) out.push(value as Span);
    else for (const v of Object.values(value)) spansOf(v, out);
  }
  return out;
}

const QUOTED = new Set(["description", "window"]);

/** The commitments without evidence; words quoted from the document only as present or not. */
function values(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(values);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== "evidence")
        .map(([k, v]) => [k, QUOTED.has(k) && typeof v === "string" ? "<quoted>" : values(v)]),
    );
  return value;
}

describe("the zh-Hant → zh-Hans table", () => {
  it("maps one BMP character to one other BMP character", () => {
    expect(pairs.length).toBeGreaterThan(2500);
    for (const [from, to] of pairs) {
      expect(from).toHaveLength(1);
      expect(to).toHaveLength(1);
      expect(from).not.toBe(to);
    }
    expect(toHans.get("響")).toBe("响");
    expect(toHans.get("鐘")).toBe("钟");
    expect(toHans.get("單")).toBe("单");
  });

  it("rejects a malformed line with its number", () => {
    expect(() => parseHantTable("# c\n響\t响\n鐘钟\n")).toThrow(/line 3/);
  });
});

describe("toSimplifiedChars", () => {
  const chars = [
    ...pairs.slice(0, 400).map(([from]) => from),
    ..."响应时间分钟可用性 SLA P1 99.95%\n，。",
    "😀",
    "𠀋",
  ];
  it("keeps the length and every offset; changes only mapped characters", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 200 }), (parts) => {
        const text = parts.join("");
        const out = toSimplifiedChars(text);
        expect(out.length).toBe(text.length);
        for (let i = 0; i < text.length; i++) {
          const c = text[i] as string;
          expect(out[i]).toBe(toHans.get(c) ?? c);
        }
      }),
    );
  });

  it("reads a Traditional sentence as Simplified", () => {
    expect(toSimplifiedChars("緊急工單於15分鐘內回應")).toBe("紧急工单于15分钟内回应");
  });
});

describe("readingText", () => {
  const examples = ["suyu-ai-support-zh.txt", "minchuan-rtc-terms-zh.txt", "parlio-ai-terms-en.txt"].map(
    (f) => readFileSync(new URL(`../../../examples/${f}`, import.meta.url), "utf8"),
  );
  it("leaves Simplified and English texts as they are", () => {
    for (const text of [...examples, hans]) {
      expect(hasTraditional(text)).toBe(false);
      expect(readingText(text)).toBe(text);
    }
  });

  it("reads a Traditional text through its Simplified form", () => {
    expect(hasTraditional(hant)).toBe(true);
    expect(readingText(hant)).toHaveLength(hant.length);
    expect(readingText(hant)).toContain("回应时间");
  });
});

describe("extracting a zh-Hant document", () => {
  const fromHant = extractCommitments(hant);
  const fromHans = extractCommitments(hans);

  it("finds the same commitments as its Simplified twin", () => {
    expect(values(fromHant.commitments)).toEqual(values(fromHans.commitments));
    expect(fromHant.signals.map((s) => s.rule)).toEqual(fromHans.signals.map((s) => s.rule));
    expect(fromHant.commitments.availability?.target_percent).toBe(99.95);
    expect(fromHant.commitments.credits?.tiers).toHaveLength(3);
    expect(fromHant.commitments.support?.tiers.map((t) => t.response_minutes)).toEqual([15, 60, 240]);
    expect(fromHant.commitments.rca?.deadline_hours).toBe(72);
    expect(fromHant.commitments.data_exit?.export_days).toBe(30);
  });

  it("cuts every span from the original text", () => {
    const spans = [...spansOf(fromHant.commitments), ...spansOf(fromHant.signals)];
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.text).toBe(hant.slice(s.start, s.end));
    expect(spans.some((s) => s.text.includes("分鐘"))).toBe(true);
  });

  it("quotes descriptions and windows in the document's characters", () => {
    const tiers = fromHant.commitments.support?.tiers ?? [];
    expect(tiers.map((t) => t.description)).toEqual(["核心業務中斷", "主要功能受損", "一般諮詢"]);
    expect(fromHant.commitments.maintenance?.window).toBe("每週二凌晨02:00-06:00");
    for (const t of tiers) expect(hant).toContain(t.description);
  });

  it("keeps the review about the original text", () => {
    const review = reviewDocument({ name: "x.txt", text: hant, language: "zh", sha256: "0" });
    expect(review.document.chars).toBe(hant.length);
    for (const f of review.findings)
      for (const s of f.evidence) expect(s.text).toBe(hant.slice(s.start, s.end));
    const md = renderReview(review, hant, "md");
    expect(md).toContain("每週二凌晨");
    expect(md).not.toContain("每周二凌晨");
  });
});

describe("originalWording", () => {
  const original = "緊急 工單：系統維護於每週二";
  const reading = toSimplifiedChars(original);
  it("finds a word again inside its span, also with characters left out", () => {
    expect(originalWording("紧急", reading, original, [{ start: 0, end: 5 }])).toBe("緊急");
    expect(originalWording("紧急工单", reading, original, [{ start: 0, end: 5 }])).toBe("緊急工單");
  });
  it("falls back to the document's own forms outside the span", () => {
    expect(originalWording("每周维护", reading, original, [{ start: 0, end: 2 }])).toBe("每週維護");
    expect(originalWording("P1 级", reading, original, [])).toBe("P1 级");
  });
  it("returns the word itself for a text that was not converted", () => {
    expect(originalWording("紧急", "紧急", "紧急", [{ start: 0, end: 2 }])).toBe("紧急");
  });
});
