import { describe, expect, it } from "vitest";
import type { Finding, FindingKind, FindingSeverity, TopicId } from "../../terms/index.js";
import { emptyExtraction, sampleEnExtraction } from "../__tests__/extraction-fixtures.js";
import { findFindings } from "../findings/find-findings.js";
import { scoreFindings } from "./score-findings.js";

const finding = (topic: TopicId, severity: FindingSeverity, kind: FindingKind = "missing"): Finding => ({
  id: `${kind}.${severity}`,
  topic,
  kind,
  severity,
  title: "",
  detail: "",
  evidence: [],
  ask: "",
  suggested_clause: "",
});

describe("scoreFindings", () => {
  const cases: Array<[string, Finding[], Partial<Record<TopicId, number>>]> = [
    ["no findings → 100 everywhere", [], { "support.tiers": 100, credits: 100 }],
    ["one high → 60", [finding("rca", "high")], { rca: 60 }],
    ["high + medium → 40", [finding("rca", "high"), finding("rca", "medium")], { rca: 40 }],
    [
      "penalties floor at 0",
      ["a", "b", "c"].map((w) => ({ ...finding("credits", "high"), id: `missing.${w}` })),
      { credits: 0 },
    ],
    [
      "the same rule again costs half",
      [finding("vague", "medium", "vague"), finding("vague", "medium", "vague")],
      { vague: 70 },
    ],
    [
      "a strength gives back points",
      [finding("rca", "medium"), finding("rca", "info", "strength")],
      { rca: 85 },
    ],
    ["strengths cap at 100", [finding("rca", "info", "strength")], { rca: 100 }],
    ["info findings cost nothing", [finding("vague", "info", "vague")], { vague: 100 }],
  ];
  it.each(cases)("%s", (_name, findings, expected) => {
    expect(scoreFindings(findings, "general").topics).toMatchObject(expected);
  });

  it("does not score topics the scenario weights 0", () => {
    expect(scoreFindings([], "general").topics).not.toHaveProperty("scenario");
    expect(scoreFindings([], "voice-cs").topics).toHaveProperty("scenario", 100);
  });

  it("overall is the weighted mean of topics", () => {
    const s = scoreFindings([finding("support.tiers", "high")], "general");
    // general weights sum to 16.5; support.tiers weighs 3 → 100 − 40·3/16.5 ≈ 92.7
    expect(s.overall).toBe(93);
  });

  it("the same findings score differently under different topic weights", () => {
    const findings = [finding("support.tiers", "high"), finding("data_exit", "high")];
    expect(scoreFindings(findings, "voice-cs").overall).not.toBe(scoreFindings(findings, "general").overall);
  });

  it("changing scenario changes the review's score", () => {
    const overall = (x: ReturnType<typeof emptyExtraction>) =>
      ["general", "voice-cs", "global"].map(
        (scenario) =>
          scoreFindings(
            findFindings(x, { scenario: scenario as "general", lang: "en" }),
            scenario as "general",
          ).overall,
      );
    const [general, voice, global] = overall(sampleEnExtraction());
    expect(new Set([general, voice, global]).size).toBeGreaterThan(1);
    const empty = overall(emptyExtraction());
    expect(new Set(empty).size).toBeGreaterThan(1);
  });
});
