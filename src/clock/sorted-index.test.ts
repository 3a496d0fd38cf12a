import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedIndex } from "./sorted-index.js";

const countBy = (values: number[], ok: (v: number) => boolean) => values.filter(ok).length;

describe("SortedIndex", () => {
  it("counts like a linear scan on random sorted lists (clustered, spread, with repeats)", () => {
    const valuesArb = fc.oneof(
      fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 60 }),
      fc.array(fc.constantFrom(0, 1, 2, 1e12, 1e12 + 1, 5e12), { maxLength: 30 }),
      fc.array(fc.double({ min: -1e13, max: 1e13, noNaN: true }), { maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        valuesArb,
        fc.array(fc.double({ min: -2e13, max: 2e13, noNaN: true }), { maxLength: 20 }),
        (raw, probes) => {
          const values = Float64Array.from(raw).sort();
          const list = Array.from(values);
          const index = new SortedIndex(values);
          for (const x of [
            ...probes,
            ...list,
            ...list.map((v) => v + 0.5),
            Number.POSITIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
          ]) {
            expect(index.countAtOrBelow(x)).toBe(countBy(list, (v) => v <= x));
            expect(index.countBelow(x)).toBe(countBy(list, (v) => v < x));
          }
          expect(index.countAtOrBelow(Number.NaN)).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a crowded bucket (many values in a narrow range next to a wide gap) is searched, not scanned past", () => {
    const list = [...Array.from({ length: 50 }, (_, i) => i), 1e9];
    const index = new SortedIndex(Float64Array.from(list));
    for (const x of [-1, 0, 10.5, 25, 49, 50, 5e8, 1e9, 2e9]) {
      expect(index.countAtOrBelow(x)).toBe(countBy(list, (v) => v <= x));
      expect(index.countBelow(x)).toBe(countBy(list, (v) => v < x));
    }
  });
});
