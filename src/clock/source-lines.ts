import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { InputError, yamlToValue } from "../errors/index.js";

export type FieldPath = readonly (string | number)[];

/** A parsed YAML/JSON text that can say on which line a field sits. */
export interface SourceText {
  value: unknown;
  lineOf(path: FieldPath): number | null;
}

/** Parses YAML or JSON (JSON is read as YAML); syntax errors become InputError with the line. */
export function parseSourceText(source: string, name: string): SourceText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.pos ? lineCounter.linePos(first.pos[0]).line : null;
    throw new InputError(name, `not valid YAML/JSON: ${first.message.split("\n")[0]}`, line);
  }
  const value = yamlToValue((opts) => doc.toJS(opts), name);
  return {
    value,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        if (node && typeof node === "object" && "range" in node && Array.isArray(node.range)) {
          return lineCounter.linePos(node.range[0]).line;
        }
        // a key whose value is null has no value node: find the key itself
        if (n > 0 && n === path.length) {
          const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
          if (isMap(parent)) {
            const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
            if (pair && isScalar(pair.key) && pair.key.range)
              return lineCounter.linePos(pair.key.range[0]).line;
          }
        }
      }
      return null;
    },
  };
}

/** Renders a field path the way messages name fields: hours.sun[0], workdays[1].date. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}
