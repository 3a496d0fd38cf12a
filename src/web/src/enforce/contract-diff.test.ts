import { describe, expect, it } from "vitest";
import { countChanges, diffRows, withContext } from "./contract-diff";

describe("diffRows", () => {
  it("numbers kept, removed and added lines in each version", () => {
    const older = "schema: termsight.terms/v1\nvendor: Acme\navailability: 99.9\n";
    const newer = "schema: termsight.terms/v1\nvendor: Acme\navailability: 99.95\ncredits: 10\n";
    const rows = diffRows(older, newer);
    expect(rows).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "schema: termsight.terms/v1" },
      { kind: "same", oldLine: 2, newLine: 2, text: "vendor: Acme" },
      { kind: "removed", oldLine: 3, newLine: null, text: "availability: 99.9" },
      { kind: "added", oldLine: null, newLine: 3, text: "availability: 99.95" },
      { kind: "added", oldLine: null, newLine: 4, text: "credits: 10" },
    ]);
    expect(countChanges(rows)).toEqual({ added: 2, removed: 1 });
  });

  it("finds no change between equal texts, and all lines added from nothing", () => {
    expect(countChanges(diffRows("a\nb\n", "a\nb\n"))).toEqual({ added: 0, removed: 0 });
    expect(diffRows("", "a\nb").map((r) => [r.kind, r.newLine])).toEqual([
      ["added", 1],
      ["added", 2],
    ]);
  });

  it("keeps blank lines as lines", () => {
    const rows = diffRows("a\n\nb\n", "a\n\nc\n");
    expect(rows.map((r) => r.kind)).toEqual(["same", "same", "removed", "added"]);
    expect(rows[1]).toMatchObject({ text: "", oldLine: 2, newLine: 2 });
  });
});

describe("withContext", () => {
  it("folds unchanged lines far from a change into gaps", () => {
    const older = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const newer = older.replace("line 10", "line ten");
    const shown = withContext(diffRows(older, newer), 2);
    expect(shown[0]).toEqual({ gap: 7 });
    expect(shown.slice(1, 7).map((r) => ("kind" in r ? r.kind : "gap"))).toEqual([
      "same",
      "same",
      "removed",
      "added",
      "same",
      "same",
    ]);
    expect(shown[7]).toEqual({ gap: 8 });
  });
});
