import { describe, expect, it } from "vitest";
import type { Finding } from "../../../terms/review-schema";
import { segmentText } from "./highlight";

function finding(kind: Finding["kind"], spans: [number, number][]): Finding {
  return {
    id: `${kind === "missing" ? "missing" : kind}.x`,
    topic: "rca",
    kind,
    severity: "medium",
    title: kind,
    detail: "",
    evidence: spans.map(([start, end]) => ({ start, end, line: 1, text: "" })),
    ask: "",
    suggested_clause: "",
  };
}

describe("segmentText", () => {
  const text = "0123456789";
  const cases: { name: string; findings: Finding[]; expected: [string, string | null][] }[] = [
    { name: "no findings: one plain piece", findings: [], expected: [["0123456789", null]] },
    {
      name: "one span in the middle",
      findings: [finding("vague", [[2, 5]])],
      expected: [
        ["01", null],
        ["234", "vague"],
        ["56789", null],
      ],
    },
    {
      name: "overlap: the more pressing kind colours the shared piece",
      findings: [finding("strength", [[0, 6]]), finding("trap", [[4, 8]])],
      expected: [
        ["0123", "strength"],
        ["45", "trap"],
        ["67", "trap"],
        ["89", null],
      ],
    },
    {
      name: "missing findings have no span",
      findings: [finding("missing", [])],
      expected: [["0123456789", null]],
    },
    {
      name: "spans past the end are clamped",
      findings: [finding("exclusion", [[8, 40]])],
      expected: [
        ["01234567", null],
        ["89", "exclusion"],
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const segs = segmentText(text, c.findings);
      expect(segs.map((s) => [s.text, s.kind])).toEqual(c.expected);
      expect(segs.map((s) => s.text).join("")).toBe(text);
    });
  }

  it("anchors the start of every evidence span", () => {
    const segs = segmentText(text, [
      finding("trap", [
        [1, 3],
        [5, 6],
      ]),
    ]);
    expect(segs.flatMap((s) => s.anchors)).toEqual(["ev-0-0", "ev-0-1"]);
  });
});
