import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineOf } from "./line-of.js";

describe("lineOf", () => {
  const text = "一、范围\nline two\n\nline four";
  const cases: { offset: number; line: number }[] = [
    { offset: 0, line: 1 },
    { offset: 4, line: 1 },
    { offset: 5, line: 2 },
    { offset: 14, line: 3 },
    { offset: 15, line: 4 },
    { offset: 999, line: 4 },
    { offset: -3, line: 1 },
  ];
  for (const c of cases)
    it(`offset ${c.offset} is on line ${c.line}`, () => expect(lineOf(text, c.offset)).toBe(c.line));

  it("equals the number of newlines before the offset plus one", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "\n", "中") }), fc.nat(), (s, n) => {
        const offset = n % (s.length + 1);
        expect(lineOf(s, offset)).toBe(s.slice(0, offset).split("\n").length);
      }),
    );
  });
});
