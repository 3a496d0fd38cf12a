import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { loadTerms, ReviewResult } from "../../terms/index.js";
import {
  emptyExtraction,
  sampleEnExtraction,
  sampleEnText,
  spanOf,
  strongZhExtraction,
  strongZhText,
} from "../__tests__/extraction-fixtures.js";
import { reviewExtraction } from "../review-extraction.js";
import { renderReview } from "./render-review.js";

const sample = () =>
  reviewExtraction(
    { name: "northwind.txt", text: sampleEnText, language: "en", sha256: "a".repeat(64) },
    sampleEnExtraction(),
  );
const strong = () =>
  reviewExtraction(
    { name: "星河.txt", text: strongZhText, language: "zh", sha256: "b".repeat(64) },
    strongZhExtraction(),
    {
      scenario: "voice-cs",
    },
  );

describe("renderReview json", () => {
  it("prints exactly the contract", () => {
    const out = renderReview(sample(), sampleEnText, "json");
    const parsed = JSON.parse(out);
    expect(ReviewResult.parse(parsed)).toEqual(parsed);
    expect(parsed.schema).toBe("termsight.review/v1");
  });
  it("refuses a result that breaks the contract", () => {
    const bad = { ...sample(), score: { overall: 140, topics: {} } };
    expect(() => renderReview(bad, sampleEnText, "json")).toThrow();
  });
});

describe("renderReview md", () => {
  it("has the summary table, the commitments and every finding with ask and clause", () => {
    const r = sample();
    const md = renderReview(r, sampleEnText, "md");
    expect(md).toContain("# Terms review: northwind.txt");
    expect(md).toContain("| Topic | Score | high | medium | low | Strengths |");
    expect(md).toContain("| Availability | Target | 99.9% |");
    expect(md).toContain("Severity 1: response 15 min, resolution —, 7×24");
    for (const f of r.findings) {
      expect(md).toContain(f.ask);
      expect(md).toContain(f.suggested_clause);
      expect(md).toContain(`\`${f.id}\``);
    }
    expect(md).toContain("> line 10: “may reclassify the severity”");
  });
  it("writes Chinese labels for a Chinese document, or English with lang", () => {
    expect(renderReview(strong(), strongZhText, "md")).toContain("## 发现");
    expect(renderReview(strong(), strongZhText, "md", { lang: "en" })).toContain("## Findings");
  });
});

describe("renderReview html", () => {
  it("is one self-contained page with every evidence span anchored and linked", () => {
    const r = sample();
    const html = renderReview(r, sampleEnText, "html");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<link|@import|url\(/);
    r.findings.forEach((f, i) => {
      expect(html).toContain(`id="finding-${i}"`);
      f.evidence.forEach((_s, j) => {
        expect(html).toContain(`id="f${i}-e${j}"`);
        expect(html).toContain(`href="#f${i}-e${j}"`);
      });
    });
    expect(html).toContain('<mark class="k-trap" data-target="finding-');
    expect(html).toContain('<mark class="k-vague"');
    expect(html).toContain('<mark class="k-exclusion"');
  });
  it("every in-page link and data-go/data-target points at an element that exists", () => {
    const root = parse(renderReview(sample(), sampleEnText, "html"));
    const ids = new Set(root.querySelectorAll("[id]").map((el) => el.getAttribute("id")));
    const refs = [
      ...root.querySelectorAll("a[href]").map((a) => a.getAttribute("href")?.replace(/^#/, "")),
      ...root.querySelectorAll("[data-go]").map((a) => a.getAttribute("data-go")),
      ...root.querySelectorAll("[data-target]").map((m) => m.getAttribute("data-target")),
      ...root.querySelectorAll("[data-first]").map((m) => m.getAttribute("data-first")),
    ];
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
    expect(root.querySelectorAll("main mark").length).toBeGreaterThan(5);
  });

  it("escapes the document and the findings", () => {
    const text = `<script>alert("x")</script> we use commercially reasonable efforts <img src=x onerror=alert(1)>`;
    const x = emptyExtraction();
    x.signals.push({
      rule: "vague.commercially_reasonable",
      topic: "vague",
      evidence: [spanOf(text, "commercially reasonable efforts")],
    });
    const r = reviewExtraction({ name: '<b>"evil"</b>.txt', text, language: "en", sha256: "c" }, x);
    const html = renderReview(r, text, "html");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain('<b>"evil"');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
  it("renders a 1 MB document with all its spans", () => {
    const line = "Northwind will use commercially reasonable efforts to respond. 厂商尽力而为。\n";
    const text = line.repeat(Math.ceil(1_000_000 / line.length));
    const x = emptyExtraction();
    for (let at = 0; at < text.length; at += line.length * 500) {
      const start = at + line.indexOf("commercially");
      x.signals.push({
        rule: "vague.commercially_reasonable",
        topic: "vague",
        evidence: [
          { start, end: start + 31, line: at / line.length + 1, text: text.slice(start, start + 31) },
        ],
      });
    }
    const r = reviewExtraction({ name: "big.txt", text, language: "mixed", sha256: "d" }, x);
    const html = renderReview(r, text, "html");
    expect(html.length).toBeGreaterThan(text.length);
    expect(html.match(/class="anchor"/g)).toHaveLength(x.signals.length);
  });
});

describe("renderReview yaml", () => {
  it("writes terms as code that loads back", () => {
    const r = strong();
    const terms = loadTerms(renderReview(r, strongZhText, "yaml", { vendor: "星河" }), "x.yaml");
    expect(terms.vendor).toBe("星河");
    expect(terms.commitments.support?.tiers[0].response_minutes).toBe(15);
  });
});

describe("renderReview md with hostile text", () => {
  it("shows raw HTML from the document name and quotes as text", () => {
    const result = reviewExtraction(
      {
        name: "<img src=x onerror=alert(1)>.txt",
        text: sampleEnText,
        language: "en",
        sha256: "c".repeat(64),
      },
      sampleEnExtraction(),
    );
    const md = renderReview(result, sampleEnText, "md");
    expect(md).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;.txt");
  });
});
