import { describe, expect, it } from "vitest";
import { budgetUsed } from "./error-budget";

describe("budgetUsed", () => {
  it("is the share of (100 − target) lost so far", () => {
    expect(budgetUsed(99.95, 99.9)).toBeCloseTo(0.5);
    expect(budgetUsed(100, 99.9)).toBe(0);
    expect(budgetUsed(99.8, 99.9)).toBeCloseTo(2);
  });
  it("a 100% target has no budget: any loss spends it all", () => {
    expect(budgetUsed(100, 100)).toBe(0);
    expect(budgetUsed(99.99, 100)).toBe(Number.POSITIVE_INFINITY);
  });
});
