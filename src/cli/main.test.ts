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

describe("termsight <command> --help", () => {
  it("prints the command's usage and exits 0", async () => {
    const io = memoryIo();
    expect(await main(["review", "--help"], io)).toBe(0);
    expect(io.out).toMatch(/^usage: termsight review FILE/);
  });
  it("names the bad flag in one line, exit 2", async () => {
    const io = memoryIo();
    expect(await main(["review", "--bogus-flag", "x.txt"], io)).toBe(2);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toContain("--bogus-flag");
  });
});
