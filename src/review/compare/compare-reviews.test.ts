import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/index.js";
import {
  emptyExtraction,
  sampleEnExtraction,
  sampleEnText,
  strongZhExtraction,
  strongZhText,
} from "../__tests__/extraction-fixtures.js";
import { severityRank } from "../findings/find-findings.js";
import { type ReviewOptions, reviewExtraction } from "../review-extraction.js";
import { compareReviews } from "./compare-reviews.js";
import { renderComparison } from "./render-comparison.js";

const reviews = (opts: ReviewOptions) => [
  reviewExtraction(
    { name: "dir/northwind.txt", text: sampleEnText, language: "en", sha256: "a" },
    sampleEnExtraction(),
    opts,
  ),
  reviewExtraction(
    { name: "xinghe.md", text: strongZhText, language: "zh", sha256: "b" },
    strongZhExtraction(),
    opts,
  ),
  reviewExtraction(
    { name: "blog.txt", text: "nothing", language: "zh", sha256: "c" },
    emptyExtraction(),
    opts,
  ),
];

describe("compareReviews", () => {
  const c = compareReviews(reviews({ scenario: "voice-cs" }), { scenario: "voice-cs", lang: "en" });

  it("names vendors by file and puts their commitments side by side per topic", () => {
    expect(c.vendors.map((v) => v.name)).toEqual(["northwind", "xinghe", "blog"]);
    const availability = c.topics.find((t) => t.topic === "availability");
    expect(availability?.rows.find((r) => r.key === "target_percent")?.values).toEqual([
      "99.9%",
      "99.95%",
      null,
    ]);
    const tiers = c.topics.find((t) => t.topic === "support.tiers");
    expect(tiers?.rows[0].values[2]).toBeNull();
  });

  it("picks the winner per topic by score, none on a tie", () => {
    const rca = c.topics.find((t) => t.topic === "rca");
    expect(rca?.winner).toBe("xinghe");
    const scenario = c.topics.find((t) => t.topic === "scenario");
    expect(scenario?.scores[0]).toBe(scenario?.scores[1]); // nobody commits to scenario items
    expect(scenario?.winner).toBeNull();
    expect(c.winner).toBe("xinghe");
  });

  it("writes a memo per vendor with only high and medium asks, ordered by severity", () => {
    const memo = c.memos[0].items;
    expect(memo.length).toBeGreaterThan(0);
    expect(memo.every((i) => i.severity === "high" || i.severity === "medium")).toBe(true);
    const ranks = memo.map((i) => severityRank[i.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(memo.map((i) => i.id)).toContain("trap.severity_reclassification");
    expect(new Set(memo.map((i) => i.id)).size).toBe(memo.length);
    // within a severity, the voice-cs profile puts support.tiers (weight 4) before credits (weight 2)
    const highs = memo.filter((i) => i.severity === "high").map((i) => i.topic);
    expect(highs.indexOf("support.tiers")).toBeLessThan(highs.indexOf("credits"));
  });

  it("refuses fewer than two reviews or reviews made for another scenario", () => {
    const [a, b] = reviews({ scenario: "general" });
    expect(() => compareReviews([a], { scenario: "general" })).toThrow(InputError);
    expect(() => compareReviews([a, b], { scenario: "global" })).toThrow(InputError);
  });

  it("a different scenario can change the scores", () => {
    const general = compareReviews(reviews({ scenario: "general" }), { scenario: "general" });
    const global = compareReviews(reviews({ scenario: "global" }), { scenario: "global" });
    expect(general.vendors.map((v) => v.overall)).not.toEqual(global.vendors.map((v) => v.overall));
  });

  it("renders json, md and html", () => {
    expect(JSON.parse(renderComparison(c, "json")).schema).toBe("termsight.compare/v1");
    const md = renderComparison(c, "md");
    expect(md).toContain("| | northwind | xinghe | blog |");
    expect(md).toContain("## Negotiation memo: northwind");
    expect(md).toContain(c.memos[0].items[0].ask);
    const html = renderComparison(c, "html");
    expect(html).toContain("<th>northwind</th>");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });
});
