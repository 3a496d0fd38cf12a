import { useRef } from "react";

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  readOnly: boolean;
  /** 1-based line to mark (from the API's 400 problem), with its message. */
  errorLine: number | null;
}

/** A textarea with a line-number gutter that scrolls with it; the line named by an error is marked. */
export function YamlEditor({ id, label, value, onChange, readOnly, errorLine }: Props) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split("\n").length;
  return (
    <div className="yaml-editor">
      <label htmlFor={id}>{label}</label>
      <div className="editor-box">
        <div className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: line numbers are positions
            <div key={i} className={errorLine === i + 1 ? "err" : undefined}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id={id}
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          wrap="off"
          aria-invalid={errorLine !== null}
          aria-describedby={errorLine !== null ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
    </div>
  );
}
