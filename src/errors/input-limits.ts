import { InputError } from "./termsight-error.js";

/** Deeper than any real contract, probe or import record; deep enough to stop stack-overflow bombs. */
export const MAX_INPUT_DEPTH = 64;

/** YAML aliases a document may expand (the `yaml` package's own default, made explicit). */
export const MAX_YAML_ALIASES = 100;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | null = frame; f?.key != null; f = f.parent) keys.unshift(f.key);
  return keys.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : `${acc}.${k}`), "");
}

/**
 * Refuses parsed input (JSON, YAML) that the rest of Termsight cannot hold: nesting deeper than
 * `maxDepth` (recursive code further on would overflow the stack) and NUL characters in strings
 * or keys (PostgreSQL text cannot store U+0000). Iterative, so the check itself cannot overflow.
 */
export function checkInputValue(value: unknown, source: string, maxDepth = MAX_INPUT_DEPTH): void {
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const v = frame.value;
    if (typeof v === "string") {
      if (v.includes("\u0000"))
        throw new InputError(`${source}${pathOf(frame)}`, "contains a NUL character (\\u0000)");
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (frame.depth >= maxDepth) throw new InputError(source, `nested deeper than ${maxDepth} levels`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++)
        stack.push({ value: v[i], depth: frame.depth + 1, parent: frame, key: i });
      continue;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k.includes("\u0000"))
        throw new InputError(`${source}${pathOf(frame)}`, "a key contains a NUL character (\\u0000)");
      stack.push({ value: x, depth: frame.depth + 1, parent: frame, key: k });
    }
  }
}

/**
 * Turns what a YAML document's `toJS()` throws on hostile input into a one-line InputError:
 * an alias bomb (`maxAliasCount`) or nesting deep enough to overflow the stack.
 */
export function yamlToValue(toJS: (opts: { maxAliasCount: number }) => unknown, source: string): unknown {
  let value: unknown;
  try {
    value = toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    if (err instanceof RangeError)
      throw new InputError(source, "nested too deeply to read", null, { cause: err });
    if (err instanceof ReferenceError && /alias/i.test(err.message))
      throw new InputError(
        source,
        `more than ${MAX_YAML_ALIASES} alias expansions (a YAML alias bomb): write the values out`,
        null,
        { cause: err },
      );
    throw err;
  }
  checkInputValue(value, source);
  return value;
}
