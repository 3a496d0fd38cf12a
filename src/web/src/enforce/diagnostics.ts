import type { Diagnostic } from "@codemirror/lint";
import type { EditorState } from "@codemirror/state";
import type { ProblemError } from "../api/client";

/** Where an API error sits in the document: its line (clamped), from the column when known. */
export function diagnosticsOf(state: EditorState, errors: ProblemError[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (e.line == null) continue;
    const n = Math.min(Math.max(1, e.line), state.doc.lines);
    const line = state.doc.line(n);
    const from = e.column ? Math.min(line.to, line.from + e.column - 1) : line.from;
    out.push({
      from,
      to: Math.max(from, line.to),
      severity: "error",
      message: e.path ? `${e.path}: ${e.message}` : e.message,
    });
  }
  return out;
}
