import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DocumentBlock,
  headingPaths,
  type ListItemBlock,
  type MarkerStyle,
  readBlocks,
  type TableBlock,
  type TextRange,
} from "./index.js";

/** Every range the model hands out (blocks, markers, rows, cells), to check offsets. */
function rangesOf(block: DocumentBlock): TextRange[] {
  const out: TextRange[] = [block];
  if (block.kind === "list_item" || (block.kind === "heading" && block.marker))
    out.push(block.marker as TextRange);
  if (block.kind === "table") for (const row of block.rows) out.push(row, ...row.cells);
  return out;
}

function expectExact(text: string, blocks: DocumentBlock[]): void {
  let last = 0;
  for (const block of blocks) {
    for (const r of rangesOf(block)) expect(text.slice(r.start, r.end)).toBe(r.text);
    expect(block.start).toBeGreaterThanOrEqual(last);
    expect(block.end).toBeGreaterThan(block.start);
    last = block.end;
  }
}

const items = (text: string) => readBlocks(text).filter((b): b is ListItemBlock => b.kind === "list_item");

describe("readBlocks: numbering styles", () => {
  const cases: [string, MarkerStyle, string][] = [
    ["1. Network faults on the customer side.\n2. Scheduled maintenance.", "decimal", "1."],
    ["1) Network faults on the customer side.\n2) Scheduled maintenance.", "decimal-paren", "1)"],
    ["(1) Network faults on the customer side.\n(2) Scheduled maintenance.", "decimal-parens", "(1)"],
    ["（1）客户侧网络故障；\n（2）计划内维护。", "decimal-fullwidth-parens", "（1）"],
    ["①客户侧网络故障；\n②计划内维护。", "circled", "①"],
    ["一、客户侧网络故障造成的不可用；\n二、计划内维护造成的不可用。", "cjk-comma", "一、"],
    ["（一）客户侧网络故障造成的不可用；\n（二）计划内维护造成的不可用。", "cjk-parens", "（一）"],
    ["第一条 乙方应在故障发生后十五分钟内响应。\n第二条 乙方应每月提供服务报告。", "cjk-article", "第一条"],
    [
      "Article 1 The provider answers within one hour.\nArticle 2 The provider reports monthly.",
      "article",
      "Article 1",
    ],
    [
      "Section 2.3 The provider answers within one hour.\nSection 2.4 The provider reports monthly.",
      "section",
      "Section 2.3",
    ],
    ["(a) network faults on your side;\n(b) scheduled maintenance.", "alpha-parens", "(a)"],
    ["a) network faults on your side;\nb) scheduled maintenance.", "alpha-paren", "a)"],
    ["i. network faults on your side;\nii. scheduled maintenance.", "roman-dot", "i."],
    ["(iv) network faults on your side;\n(v) scheduled maintenance.", "roman-parens", "(iv)"],
  ];
  for (const [text, style, marker] of cases) {
    it(`${marker} reads as ${style}`, () => {
      const found = items(text);
      expect(found).toHaveLength(2);
      expect(found[0]?.marker).toMatchObject({ style, text: marker });
      expect(found.every((b) => b.level === 0)).toBe(true);
      expectExact(text, readBlocks(text));
    });
  }

  for (const bullet of ["*", "-", "•", "●", "▪", "◦"]) {
    it(`bullet ${bullet}`, () => {
      const text = `Exclusions:\n${bullet} network faults on your side\n${bullet} scheduled maintenance`;
      const found = items(text);
      expect(found.map((b) => [b.marker.style, b.marker.text])).toEqual([
        ["bullet", bullet],
        ["bullet", bullet],
      ]);
    });
  }

  it("(h) then (i) is a letter, (i) alone a roman numeral", () => {
    expect(items("(h) eighth cause;\n(i) ninth cause.").map((b) => b.marker.style)).toEqual([
      "alpha-parens",
      "alpha-parens",
    ]);
    expect(items("(i) first cause;\n(ii) second cause.").map((b) => b.marker.style)).toEqual([
      "roman-parens",
      "roman-parens",
    ]);
  });

  it("nesting from indentation and from a change of style", () => {
    const indented = "1. Outages caused by:\n   a. your network;\n   b. your devices.\n2. Maintenance.";
    expect(items(indented).map((b) => [b.marker.text, b.level])).toEqual([
      ["1.", 0],
      ["a.", 1],
      ["b.", 1],
      ["2.", 0],
    ]);
    const flat = "一、以下情形不计入不可用时间：\n（一）客户网络故障；\n（二）第三方原因；\n二、赔偿方式。";
    expect(items(flat).map((b) => [b.marker.text, b.level])).toEqual([
      ["一、", 0],
      ["（一）", 1],
      ["（二）", 1],
      ["二、", 0],
    ]);
  });

  it("an indented line continues the item above it", () => {
    const text = "- Outages caused by events beyond\n  our reasonable control.\n- Maintenance.";
    const found = items(text);
    expect(found.map((b) => b.text)).toEqual([
      "- Outages caused by events beyond\n  our reasonable control.",
      "- Maintenance.",
    ]);
  });

  it("a short numbered line after a line ending in a colon is an item; alone, a heading", () => {
    expect(
      readBlocks("Not covered:\n\n1. Beta features\n\nMore text follows here.").map((b) => b.kind),
    ).toEqual(["paragraph", "list_item", "paragraph"]);
    expect(
      readBlocks("Intro text.\n\n1. Beta features\n\nMore text follows here.").map((b) => b.kind),
    ).toEqual(["paragraph", "heading", "paragraph"]);
  });

  it("numbers that are measures are not markers", () => {
    const text = "99.9% monthly uptime is the target for every region we operate today, measured each month.";
    expect(readBlocks(text).map((b) => b.kind)).toEqual(["paragraph"]);
  });
});

describe("readBlocks: headings", () => {
  it("levels from Markdown, numbering, and under the last numbered heading", () => {
    const text = [
      "# Service Level Agreement",
      "",
      "## 3. Exclusions",
      "",
      "Network",
      "",
      "The provider is not liable for outages of the customer's own network, as listed here.",
      "",
      "第二章 服务赔偿",
      "",
      "（一）赔偿标准",
    ].join("\n");
    const blocks = readBlocks(text);
    const headings = blocks.filter((b) => b.kind === "heading");
    expect(headings.map((h) => [h.text, h.level])).toEqual([
      ["# Service Level Agreement", 1],
      ["## 3. Exclusions", 2],
      ["Network", 3],
      ["第二章 服务赔偿", 1],
      ["（一）赔偿标准", 2],
    ]);
    const paths = headingPaths(blocks);
    const paragraph = blocks.findIndex((b) => b.kind === "paragraph");
    expect(paths[paragraph]?.map((h) => h.text)).toEqual([
      "# Service Level Agreement",
      "## 3. Exclusions",
      "Network",
    ]);
    const last = blocks.length - 1;
    expect(paths[last]?.map((h) => h.text)).toEqual(["第二章 服务赔偿"]);
  });

  it("a numbered clause that reads as a sentence is an item, a short one a heading", () => {
    const blocks = readBlocks(
      "III. Exceptions\n\nSection 4 Service credits are paid as a credit on the next invoice.",
    );
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "list_item"]);
    expect(blocks[0]).toMatchObject({ kind: "heading", level: 1, marker: { style: "roman-dot" } });
  });
});

describe("readBlocks: tables", () => {
  const table = (text: string) => readBlocks(text).find((b): b is TableBlock => b.kind === "table");
  const cells = (t: TableBlock | undefined) => t?.rows.map((r) => r.cells.map((c) => c.text));

  it("Markdown: separator row inside, not a row", () => {
    const text =
      "Response times:\n\n| Severity | Response |\n| --- | --- |\n| Sev 1 | 1 hour |\n| Sev 2 | 4 hours |";
    const t = table(text);
    expect(cells(t)).toEqual([
      ["Severity", "Response"],
      ["Sev 1", "1 hour"],
      ["Sev 2", "4 hours"],
    ]);
    expect(t?.text).toBe(text.slice(text.indexOf("| Severity")));
    expectExact(text, readBlocks(text));
  });

  it("rows rendered from HTML or DOCX (` | ` between cells)", () => {
    const text = "Plan | Standard | Premium\nCritical | 4 hours | 1 hour; 24x7";
    expect(cells(table(text))).toEqual([
      ["Plan", "Standard", "Premium"],
      ["Critical", "4 hours", "1 hour; 24x7"],
    ]);
  });

  it("tab-separated and space-aligned plain text", () => {
    expect(cells(table("Severity\tResponse\nP1\t15 minutes"))).toEqual([
      ["Severity", "Response"],
      ["P1", "15 minutes"],
    ]);
    const aligned =
      "Severity    Response     Resolution\nP1          15 minutes   4 hours\nP2          1 hour       1 day";
    expect(cells(table(aligned))).toEqual([
      ["Severity", "Response", "Resolution"],
      ["P1", "15 minutes", "4 hours"],
      ["P2", "1 hour", "1 day"],
    ]);
    expectExact(aligned, readBlocks(aligned));
  });

  it("a blank line ends a table; prose with double spaces is not one", () => {
    const text = "A | B\n1 | 2\n\nC | D";
    expect(readBlocks(text).filter((b) => b.kind === "table")).toHaveLength(2);
    expect(readBlocks("We answer.  Then we fix it.").map((b) => b.kind)).toEqual(["paragraph"]);
  });
});

describe("readBlocks: property", () => {
  const pieces = [
    "1. ",
    "(a) ",
    "（1）",
    "①",
    "一、",
    "（一）",
    "第一条 ",
    "Article 1 ",
    "Section 2.3 ",
    "i. ",
    "(iv) ",
    "* ",
    "- ",
    "• ",
    "# ",
    "## ",
    " | ",
    "|",
    "\t",
    "   ",
    "\n",
    "\n\n",
    "\r\n",
    "---",
    "Exclusions",
    "网络故障",
    "within 1 hour.",
    "99.9%",
    "服务等级协议。",
    "　",
  ];
  const documents = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 60 })
    .map((parts) => parts.join(""));

  it("every block, marker, row and cell is its exact slice; blocks in order, never overlapping", () => {
    fc.assert(
      fc.property(documents, (text) => {
        const blocks = readBlocks(text);
        expectExact(text, blocks);
        for (const block of blocks) {
          for (const r of rangesOf(block)) {
            expect(r.start).toBeGreaterThanOrEqual(block.start);
            expect(r.end).toBeLessThanOrEqual(block.end);
          }
          if (block.kind === "table") {
            for (let i = 1; i < block.rows.length; i++)
              expect(block.rows[i]?.start).toBeGreaterThanOrEqual(block.rows[i - 1]?.end as number);
          }
          if (block.kind === "list_item") expect(block.level).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("every non-space character outside blocks is a separator row", () => {
    fc.assert(
      fc.property(documents, (text) => {
        const covered = new Array<boolean>(text.length).fill(false);
        for (const b of readBlocks(text)) for (let i = b.start; i < b.end; i++) covered[i] = true;
        for (let i = 0; i < text.length; i++) {
          if (covered[i] || /\s/.test(text[i] as string)) continue;
          const lineStart = text.lastIndexOf("\n", i) + 1;
          const lineEnd = text.indexOf("\n", i);
          const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
          expect(line.trim()).toMatch(/^[\s|:：\-–—+=]+$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
