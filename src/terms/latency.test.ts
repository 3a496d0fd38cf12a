import { describe, expect, it } from "vitest";
import { emptyExtraction } from "../review/__tests__/extraction-fixtures.js";
import { reviewExtraction } from "../review/review-extraction.js";
import { dumpTerms, loadTerms } from "./index.js";

const review = () => {
  const r = reviewExtraction(
    { name: "rtc.txt", text: "接通时间小于600ms", language: "zh", sha256: "f".repeat(64) },
    emptyExtraction(),
  );
  return r;
};

describe("latency targets in terms as code", () => {
  it("the review's connect_time_ms becomes a connect-time target in the YAML, and loads back", () => {
    const r = review();
    r.commitments.scenario.connect_time_ms = {
      value: 600,
      evidence: [{ start: 0, end: 12, line: 1, text: "接通时间小于600ms" }],
    };
    const yaml = dumpTerms(r, { vendor: "RTC Co" });
    expect(yaml).toMatch(/^latency:/m);
    expect(yaml).toContain("- { line: 1, text: 接通时间小于600ms }");
    const terms = loadTerms(yaml, "rtc.yaml");
    expect(terms.latency).toEqual([
      {
        metric: "connect",
        stat: "each",
        below_ms: 600,
        window: "period",
        regions: null,
        probes: null,
        min_samples: 1,
        from: "scenario.connect_time_ms",
        evidence: [{ line: 1, text: "接通时间小于600ms" }],
      },
    ]);
  });

  it("no latency section when the review read no target", () => {
    const yaml = dumpTerms(review());
    expect(yaml).not.toMatch(/^latency:/m);
    expect(loadTerms(yaml, "x.yaml").latency).toBeUndefined();
  });

  it("a hand-written p99 per region target loads with defaults; a bad one names the field and line", () => {
    const base = dumpTerms(review());
    const ok = loadTerms(
      `${base}\nlatency:\n  - { metric: first_token, stat: p99, below_ms: 1200, window: day, regions: [sg, fra] }\n`,
      "x.yaml",
    );
    expect(ok.latency?.[0]).toMatchObject({
      metric: "first_token",
      stat: "p99",
      window: "day",
      regions: ["sg", "fra"],
    });
    let error: Error | null = null;
    try {
      loadTerms(`${base}\nlatency:\n  - { metric: connect, stat: p97, below_ms: 600 }\n`, "x.yaml");
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(/x\.yaml.*latency\[0\]\.stat/);
  });
});
