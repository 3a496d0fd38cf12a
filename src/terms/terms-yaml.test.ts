import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadCalendar, loadPolicy } from "../clock/index.js";
import { InputError } from "../errors/index.js";
import {
  emptyExtraction,
  sampleEnExtraction,
  sampleEnText,
  strongZhExtraction,
  strongZhText,
} from "../review/__tests__/extraction-fixtures.js";
import type { Extraction } from "../review/extraction.js";
import { reviewExtraction } from "../review/review-extraction.js";
import { dumpTerms, loadTerms, quoteCommitments } from "./index.js";

const review = (text: string, x: Extraction, language: "zh" | "en") =>
  reviewExtraction({ name: "doc.txt", text, language, sha256: "f".repeat(64) }, x);

describe("dumpTerms / loadTerms", () => {
  const cases: Array<[string, string, Extraction, "zh" | "en"]> = [
    ["sample English SLA", sampleEnText, sampleEnExtraction(), "en"],
    ["strong Chinese SLA", strongZhText, strongZhExtraction(), "zh"],
    ["a document with no commitments", "nothing here", emptyExtraction(), "zh"],
  ];
  it.each(cases)("round-trips %s", (_name, text, extraction, language) => {
    const r = review(text, extraction, language);
    const yaml = dumpTerms(r, { vendor: "Acme", product: "Voice API" });
    const terms = loadTerms(yaml, "acme.terms.yaml");
    expect(terms.commitments).toEqual(quoteCommitments(r.commitments));
    expect(terms).toMatchObject({
      schema: "termsight.terms/v1",
      vendor: "Acme",
      product: "Voice API",
      source: { document: "doc.txt", sha256: "f".repeat(64) },
      effective: { from: null, to: null },
    });
    // dumping what was loaded gives the same commitments again
    expect(loadTerms(yaml.replace("from: null", "from: 2026-01-01"), "x").effective.from).toBe("2026-01-01");
  });

  it("writes comments, quotes and commented calendar and SLA-policy templates", () => {
    const yaml = dumpTerms(review(sampleEnText, sampleEnExtraction(), "en"));
    expect(yaml).toContain("schema: termsight.terms/v1");
    expect(yaml).toMatch(/^# Termsight terms as code/);
    expect(yaml).toContain("- { line: 2, text: at least 99.9% }");
    expect(yaml).toMatch(/^# calendar:/m);
    expect(yaml).toMatch(/^# sla_policy:/m);
    expect(yaml).toContain('#     "Severity 1":\n#       first_response: { minutes: 15, calendar: 24x7 }');
    expect(yaml).not.toMatch(/"start"|start:/);
  });

  it("the commented calendar and SLA policy, once uncommented, load in the SLA clock", () => {
    const yaml = dumpTerms(review(sampleEnText, sampleEnExtraction(), "en"));
    const uncommented = yaml.replace(/^# (calendar:|sla_policy:)/gm, "$1").replace(/^#( {3}.*)$/gm, "$1");
    const terms = loadTerms(uncommented, "edited.yaml");
    expect(terms.calendar).toBeDefined();
    const policy = loadPolicy(stringify(terms.sla_policy), "policy");
    expect(Object.keys(policy.severities)).toEqual(["Severity 1", "Severity 2", "Severity 3"]);
    expect(policy.severities["Severity 1"].first_response?.minutes).toBe(15);
    expect(policy.severities["Severity 3"].first_response?.business_days).toBe(1);
    expect(() => loadCalendar(stringify(terms.calendar), "calendar")).not.toThrow();
  });

  const good = dumpTerms(review(sampleEnText, sampleEnExtraction(), "en"));
  const lineOf = (needle: string) => good.split("\n").findIndex((l) => l.includes(needle)) + 1;
  const bad: Array<[string, string, RegExp, number]> = [
    [
      "a wrong number type",
      good.replace("response_minutes: 15", "response_minutes: fast"),
      /commitments\.support\.tiers\[0\]\.response_minutes: /,
      lineOf("response_minutes: 15"),
    ],
    [
      "an unknown enum value",
      good.replace("form: service_credit", "form: coupon"),
      /commitments\.credits\.form: /,
      lineOf("form: service_credit"),
    ],
    [
      "a quote without a line",
      good.replace("{ line: 2, text: at least 99.9% }", "{ text: at least 99.9% }"),
      /commitments\.availability\.evidence\[0\]\.line: evidence quote/,
      lineOf("text: at least 99.9%"),
    ],
    [
      "a wrong schema",
      good.replace("schema: termsight.terms/v1", "schema: termsight.terms/v9"),
      /^schema: /,
      lineOf("schema: termsight"),
    ],
    [
      "a bad date",
      good.replace("from: null", "from: next monday"),
      /effective\.from: expected a date/,
      lineOf("from: null"),
    ],
    ["broken yaml", good.replace("  rca: null", "  rca: [null"), /invalid yaml/, 0],
  ];
  it.each(bad)("rejects %s with the path and the line", (_name, text, reason, line) => {
    let error: unknown;
    try {
      loadTerms(text, "acme.terms.yaml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.source).toBe("acme.terms.yaml");
    expect(e.reason).toMatch(reason);
    if (line > 0) expect(e.line).toBe(line);
    else expect(e.line).toBeGreaterThan(0);
  });

  it("validates the SLA policy with the clock's rules and names its line", () => {
    const policy = (minutes: string) =>
      `${good.trimEnd()}\nsla_policy:\n  name: support\n  severities:\n    P1:\n      first_response: { minutes: ${minutes} }\n`;
    expect(loadTerms(policy("60"), "ok.yaml").sla_policy).toBeTruthy();
    let error: unknown;
    try {
      loadTerms(policy("sixty"), "acme terms.yaml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.reason).toMatch(/^sla_policy\.severities\.P1\.first_response\.minutes: must be a whole number/);
    expect(e.line).toBe(
      policy("sixty")
        .split("\n")
        .findIndex((l) => l.includes("sixty")) + 1,
    );
  });

  it("rejects a file that is not a map", () => {
    expect(() => loadTerms("- a\n- b\n", "list.yaml")).toThrow(InputError);
    expect(() => loadTerms("", "empty.yaml")).toThrow(InputError);
  });
});
