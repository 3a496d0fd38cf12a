import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

const fixtures = new URL("../../review/__tests__/", import.meta.url);
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "termsight-compare-"));
  copyFileSync(new URL("sample-sla-en.txt", fixtures), join(dir, "northwind.txt"));
  copyFileSync(new URL("seed-article.txt", fixtures), join(dir, "blog.txt"));
  writeFileSync(
    join(dir, "acme.txt"),
    "Acme Voice API SLA\nSeverity 1 incidents: we respond within 15 minutes, 24x7, and restore service within 4 hours.\n" +
      "Acme provides a written root cause analysis within 72 hours after each Severity 1 incident.\n",
  );
});

async function compare(args: string[]) {
  const io = memoryIo("", dir);
  const code = await main(["compare", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("termsight compare", () => {
  it("prints one comparison with vendors side by side, winners and memos", async () => {
    const { code, out, err } = await compare([
      "northwind.txt",
      "acme.txt",
      "blog.txt",
      "--scenario",
      "voice-cs",
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const c = JSON.parse(out);
    expect(c.schema).toBe("termsight.compare/v1");
    expect(c.scenario).toBe("voice-cs");
    expect(c.vendors.map((v: { name: string }) => v.name)).toEqual(["northwind", "acme", "blog"]);
    expect(c.topics.find((t: { topic: string }) => t.topic === "availability").rows[0].values[0]).toBe(
      "99.9%",
    );
    expect(c.memos).toHaveLength(3);
    expect(c.memos[0].items.length).toBeGreaterThan(0);
  });

  it.each([
    ["md", /^# Vendor comparison|^# 厂商对比/],
    ["html", /^<!doctype html>/],
  ])("renders --format %s", async (format, start) => {
    const { code, out } = await compare(["northwind.txt", "acme.txt", "--format", format]);
    expect(code).toBe(0);
    expect(out).toMatch(start);
  });

  it.each([
    ["one file", ["northwind.txt"], /at least two files/],
    ["unknown scenario", ["northwind.txt", "acme.txt", "--scenario", "x"], /unknown scenario "x"/],
    [
      "yaml is not a compare format",
      ["northwind.txt", "acme.txt", "--format", "yaml"],
      /--format: unknown value "yaml"/,
    ],
  ])("%s → exit 2", async (_name, args, message) => {
    const { code, err } = await compare(args);
    expect(code).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(message);
  });
});
