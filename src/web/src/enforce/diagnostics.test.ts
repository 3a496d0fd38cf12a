import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "./diagnostics";

describe("diagnosticsOf", () => {
  const state = EditorState.create({ doc: "schema: x\nsla_policy:\n  minutes: sixty\n" });
  it("marks the error's line (from its column when known) with path and message", () => {
    const [d] = diagnosticsOf(state, [
      { line: 3, column: 12, path: "sla_policy.minutes", message: "must be a number" },
    ]);
    expect(state.sliceDoc(d.from, d.to)).toBe("sixty");
    expect(d.message).toBe("sla_policy.minutes: must be a number");
    const [whole] = diagnosticsOf(state, [{ line: 1, column: null, path: null, message: "bad" }]);
    expect(state.sliceDoc(whole.from, whole.to)).toBe("schema: x");
  });
  it("clamps a line past the end and skips errors without a line", () => {
    expect(diagnosticsOf(state, [{ line: 99, column: null, path: null, message: "x" }])).toHaveLength(1);
    expect(diagnosticsOf(state, [{ line: null, column: null, path: "body", message: "x" }])).toEqual([]);
  });
});
