import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { ProblemError } from "../api/client";
import { diagnosticsOf } from "./diagnostics";

export interface CodeEditorProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  readOnly: boolean;
  /** Located errors from the API's problem (`errors[]`): shown inline at their lines. */
  errors: ProblemError[];
  /** The id of the text that describes the errors (for screen readers). */
  describedBy?: string;
}

/** CodeMirror 6 with YAML highlighting, line numbers and the API's diagnostics (loaded on demand). */
export default function CodeEditor({
  id,
  label,
  value,
  onChange,
  readOnly,
  errors,
  describedBy,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is made once; value and errors are synced below
  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          // a lean setup (not codemirror's basicSetup: no autocompletion, search or folding) keeps the chunk small
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          yaml(),
          lintGutter(),
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({
            id,
            // focusable by attribute too (axe does not count contenteditable): the scroller has keyboard access
            tabindex: "0",
            "aria-label": label,
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [readOnly, label]);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const diagnostics = diagnosticsOf(v.state, errors);
    v.dispatch(setDiagnostics(v.state, diagnostics));
    // bring the first error into view: the editor renders only the lines on screen
    if (diagnostics[0])
      v.dispatch({ effects: EditorView.scrollIntoView(diagnostics[0].from, { y: "center" }) });
  }, [errors]);

  return (
    <div ref={host} className="code-editor" data-testid="code-editor" aria-invalid={errors.length > 0} />
  );
}
