import { describe, expect, it } from "vitest";
import { memoryIo } from "./io.js";
import { main } from "./main.js";

describe("termsight main", () => {
  it("prints usage and exits 2 with no command", async () => {
    const io = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(io.out).toContain("usage: termsight");
  });
  it("rejects an unknown command with exit 2 and one line", async () => {
    const io = memoryIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toContain('unknown command "frobnicate"');
  });
});
