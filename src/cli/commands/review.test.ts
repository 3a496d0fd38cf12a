import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { declareSize, tinyDocx } from "../../ingest/__fixtures__/tiny-docx.js";
import { tinyPdf } from "../../ingest/__fixtures__/tiny-pdf.js";
import { loadTerms, ReviewResult } from "../../terms/index.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

const fixtures = new URL("../../review/__tests__/", import.meta.url);
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "termsight-review-"));
  copyFileSync(new URL("sample-sla-en.txt", fixtures), join(dir, "sample.txt"));
  copyFileSync(new URL("seed-article.txt", fixtures), join(dir, "seed.txt"));
  copyFileSync(new URL("strong-sla-en.txt", fixtures), join(dir, "strong.txt"));
  writeFileSync(join(dir, "empty.txt"), "   \n");
  // a DOCX whose XML inflates far past the size its zip directory declares
  writeFileSync(join(dir, "bomb.docx"), declareSize(tinyDocx(100_000), "word/document.xml", 1_000));
  writeFileSync(join(dir, "pages.pdf"), tinyPdf("Uptime 99.9%", 3_000));
});

async function review(args: string[], stdin = "") {
  const io = memoryIo(stdin, dir);
  const code = await main(["review", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("termsight review", () => {
  it("prints the contract JSON for one file", async () => {
    const { code, out, err } = await review(["sample.txt"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = ReviewResult.parse(JSON.parse(out));
    expect(json.document.name).toBe("sample.txt");
    expect(json.findings.map((f) => f.id)).toContain("trap.severity_reclassification");
  });

  it("prints an array for several files", async () => {
    const { code, out } = await review(["sample.txt", "seed.txt", "--scenario", "voice-cs"]);
    expect(code).toBe(0);
    const list = JSON.parse(out);
    expect(list).toHaveLength(2);
    expect(list.map((r: ReviewResult) => r.scenario)).toEqual(["voice-cs", "voice-cs"]);
    expect(list[1].findings.map((f: { id: string }) => f.id)).toContain("missing.peak_capacity");
  });

  it("reads standard input for -", async () => {
    const { code, out } = await review(["-"], readFileSync(join(dir, "sample.txt"), "utf8"));
    expect(code).toBe(0);
    expect(JSON.parse(out).document.name).toBe("stdin");
  });

  const formats: Array<[string, RegExp]> = [
    ["md", /^# Terms review: sample\.txt/],
    ["html", /^<!doctype html>/],
    ["yaml", /schema: termsight\.terms\/v1/],
  ];
  it.each(formats)("renders --format %s", async (format, start) => {
    const { code, out } = await review(["sample.txt", "--format", format]);
    expect(code).toBe(0);
    expect(out).toMatch(start);
  });

  it("yaml output loads back as terms", async () => {
    const { out } = await review(["sample.txt", "--format", "yaml", "--vendor", "Northwind"]);
    expect(loadTerms(out, "sample.yaml").vendor).toBe("Northwind");
  });

  it("writes Chinese asks for the seed, English with --lang en", async () => {
    const zh = JSON.parse((await review(["seed.txt"])).out) as ReviewResult;
    const en = JSON.parse((await review(["seed.txt", "--lang", "en"])).out) as ReviewResult;
    expect(zh.findings[0].ask).toMatch(/[\u4e00-\u9fff]/);
    expect(en.findings[0].ask).not.toMatch(/[\u4e00-\u9fff]/);
  });

  const failOn: Array<[string, string, number]> = [
    ["high", "sample.txt", 1],
    ["low", "sample.txt", 1],
    ["high", "strong.txt", 0], // a complete SLA: nothing high is left
    ["medium", "strong.txt", 1], // … but the practice items (test environment) are medium
  ];
  it.each(failOn)(
    "--fail-on %s on %s exits %i and still prints the result",
    async (level, file, expected) => {
      const { code, out } = await review([file, "--fail-on", level]);
      expect(code).toBe(expected);
      expect(JSON.parse(out).schema).toBe("termsight.review/v1");
    },
  );

  it("--out writes the file and reports it on stderr", async () => {
    const { code, out, err } = await review(["sample.txt", "--format", "md", "--out", "out/report.md"]);
    expect(code).toBe(0);
    expect(out).toBe("");
    expect(err).toContain("wrote out/report.md");
    expect(readFileSync(join(dir, "out/report.md"), "utf8")).toMatch(/^# Terms review/);
  });

  it("--format html with several files writes one page per file into --out", async () => {
    const { code } = await review(["sample.txt", "seed.txt", "--format", "html", "--out", "pages"]);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, "pages")).sort()).toEqual(["sample.html", "seed.html"]);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["unknown scenario", ["sample.txt", "--scenario", "gaming"], /unknown scenario "gaming"/],
    ["unknown format", ["sample.txt", "--format", "pdf"], /--format: unknown value "pdf"/],
    ["unknown fail-on", ["sample.txt", "--fail-on", "critical"], /--fail-on: unknown value/],
    ["unknown option", ["sample.txt", "--colour"], /unknown option/i],
    ["no file", [], /no file given/],
    ["missing file", ["nope.txt"], /nope\.txt: cannot read/],
    ["empty file", ["empty.txt"], /empty\.txt: no text/],
    ["zip bomb DOCX", ["bomb.docx"], /bomb\.docx: word\/document\.xml: expands past/],
    ["PDF page-count bomb", ["pages.pdf"], /pages\.pdf: PDF has 3000 pages/],
    [
      "html for several files without --out",
      ["sample.txt", "seed.txt", "--format", "html"],
      /needs --out|need --out/,
    ],
  ];
  it.each(bad)("%s → exit 2 with one line on stderr", async (_name, args, message) => {
    const { code, out, err } = await review(args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(message);
  });
});
