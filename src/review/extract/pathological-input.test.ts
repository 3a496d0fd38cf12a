import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

/** Inputs shaped to provoke backtracking or a flood of tiny segments: each must simply finish. */
const SIZE = 200_000;
const cases: [string, string][] = [
  ["Chinese numerals", "一".repeat(SIZE)],
  ["one endless line", "服务商承诺可用性不低于九十九以及赔偿".repeat(SIZE / 18)],
  ["pipes", "| a ".repeat(SIZE / 4)],
  ["dots", ". ".repeat(SIZE / 2)],
  ["percent soup", "99.9% < 99% ".repeat(SIZE / 12)],
  ["blank lines", "\n".repeat(SIZE)],
  ["number words", "one two three hours minutes ".repeat(SIZE / 28)],
  ["open brackets", "（（（（（".repeat(SIZE / 5)],
];

describe("pathological input", () => {
  it.each(cases)("%s finishes and commits to nothing invented", (_name, text) => {
    const { commitments } = extractCommitments(text);
    expect(commitments.support?.tiers ?? []).toEqual([]);
    expect(commitments.availability?.target_percent ?? null).toBeNull();
  });
});
