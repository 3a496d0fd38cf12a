import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkInputValue, InputError, MAX_INPUT_DEPTH, yamlToValue } from "./index.js";

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** Twelve levels of ten aliases each: 10^12 values if expanded. */
function aliasBomb(): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 12; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  return lines.join("\n");
}

describe("checkInputValue", () => {
  it("accepts ordinary values", () => {
    expect(() => checkInputValue({ a: [1, "x", { b: null }], c: true }, "body")).not.toThrow();
    expect(() => checkInputValue(nested(MAX_INPUT_DEPTH - 1), "body")).not.toThrow();
  });

  it("refuses nesting deeper than the limit without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(() => checkInputValue(deep, "body")).toThrow(InputError);
    expect(() => checkInputValue(nested(MAX_INPUT_DEPTH + 1), "body")).toThrow(/nested deeper/);
  });

  it("refuses NUL characters in strings and keys, naming the field", () => {
    expect(() => checkInputValue({ name: "a\u0000b" }, "body")).toThrow(/^body\.name: /);
    expect(() => checkInputValue({ list: ["ok", "\u0000"] }, "body")).toThrow(/^body\.list\[1\]: /);
    expect(() => checkInputValue(JSON.parse('{"k\\u0000": 1}'), "body")).toThrow(InputError);
  });
});

describe("yamlToValue", () => {
  it("turns an alias bomb into an InputError", () => {
    const doc = parseDocument(aliasBomb());
    expect(() => yamlToValue((o) => doc.toJS(o), "cal.yaml")).toThrow(InputError);
  });

  it("keeps ordinary aliases", () => {
    const doc = parseDocument("a: &x [1, 2]\nb: *x\n");
    expect(yamlToValue((o) => doc.toJS(o), "cal.yaml")).toEqual({ a: [1, 2], b: [1, 2] });
  });
});
