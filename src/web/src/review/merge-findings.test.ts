import { describe, expect, it } from "vitest";
import type { Finding } from "../../../terms/review-schema";
import { mergeFindings } from "./merge-findings";

const span = (start: number, end: number, line = 1) => ({ start, end, line, text: "x".repeat(end - start) });
function finding(id: string, over: Partial<Finding> = {}): Finding {
  return {
    id,
    topic: "vague",
    kind: "vague",
    severity: "medium",
    title: `title of ${id}`,
    detail: "detail",
    evidence: [],
    ask: "",
    suggested_clause: "",
    ...over,
  };
}

describe("mergeFindings", () => {
  it("makes one finding per rule id holding every evidence span in document order", () => {
    const merged = mergeFindings([
      finding("vague.reasonable_efforts", { evidence: [span(40, 50, 3)] }),
      finding("rca.missing", { kind: "missing", topic: "rca" }),
      finding("vague.reasonable_efforts", { evidence: [span(10, 20, 1)] }),
    ]);
    expect(merged.map((f) => f.id)).toEqual(["vague.reasonable_efforts", "rca.missing"]);
    expect(merged[0].evidence.map((s) => s.start)).toEqual([10, 40]);
    expect(merged[1].evidence).toEqual([]);
  });

  it("keeps a span once when two findings of a rule cite the same text", () => {
    const merged = mergeFindings([
      finding("trap.records", { evidence: [span(5, 9)] }),
      finding("trap.records", { evidence: [span(5, 9), span(30, 35)] }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].evidence.map((s) => [s.start, s.end])).toEqual([
      [5, 9],
      [30, 35],
    ]);
  });

  it("takes the highest severity of a group and leaves the input untouched", () => {
    const input = [
      finding("exclusion.broad", { severity: "low", evidence: [span(1, 2)] }),
      finding("exclusion.broad", { severity: "high", evidence: [span(3, 4)] }),
    ];
    const merged = mergeFindings(input);
    expect(merged[0].severity).toBe("high");
    expect(input[0].evidence).toHaveLength(1);
    expect(input[0].severity).toBe("low");
  });

  it("leaves distinct rules alone", () => {
    const input = [finding("a.one"), finding("a.two"), finding("a.three")];
    expect(mergeFindings(input).map((f) => f.id)).toEqual(["a.one", "a.two", "a.three"]);
  });
});
