import { describe, expect, it } from "vitest";
import {
  dropPageFurniture,
  fixCjkRadicals,
  joinWrappedLines,
  layoutLines,
  type PdfLine,
} from "./pdf-lines.js";

/** A line on a page 50..545 wide; `right` defaults to a full line. */
const line = (text: string, y: number, opts: Partial<PdfLine> = {}): PdfLine => ({
  text,
  left: 50,
  right: 545,
  y,
  fontSize: 10,
  cells: text.includes(" | ") ? text.split(" | ").length : 1,
  ...opts,
});

describe("joinWrappedLines", () => {
  const cases: { name: string; lines: PdfLine[]; text: string }[] = [
    {
      name: "CJK lines wrapped mid-sentence join without a space",
      lines: [
        line("云川承诺本服务每个服务月的服务可用性", 700),
        line("不低于 99.95%。", 686, { right: 130 }),
      ],
      text: "云川承诺本服务每个服务月的服务可用性不低于 99.95%。",
    },
    {
      name: "Latin lines join with a space",
      lines: [
        line("Kestrel responds to Sev 1 cases within one", 700),
        line("(1) hour.", 686, { right: 100 }),
      ],
      text: "Kestrel responds to Sev 1 cases within one (1) hour.",
    },
    {
      name: "a line broken after a dash joins without a space",
      lines: [line("维护窗口为北京时间每周二 00:00–", 700), line("06:00。", 686, { right: 90 })],
      text: "维护窗口为北京时间每周二 00:00–06:00。",
    },
    {
      name: "a line ending a sentence is not joined",
      lines: [line("云川将提供技术支持。", 700), line("故障分析报告在 72 小时内提交。", 686)],
      text: "云川将提供技术支持。\n故障分析报告在 72 小时内提交。",
    },
    {
      name: "a short line (heading) is not joined",
      lines: [line("五、故障分析报告", 700, { right: 140 }), line("对于 P0 故障", 686, { right: 200 })],
      text: "五、故障分析报告\n对于 P0 故障",
    },
    {
      name: "a list item starts a new line",
      lines: [
        line("因下列原因导致的服务不可用，包括", 700),
        line("（1）客户自身网络接入故障；", 686, { right: 200 }),
      ],
      text: "因下列原因导致的服务不可用，包括\n（1）客户自身网络接入故障；",
    },
    {
      name: "table rows stay rows, without blank lines between them",
      lines: [line("P0 | 15 分钟 | 4 小时", 700), line("P1 | 30 分钟 | 8 小时", 680)],
      text: "P0 | 15 分钟 | 4 小时\nP1 | 30 分钟 | 8 小时",
    },
    {
      name: "a paragraph gap keeps lines apart",
      lines: [line("end of one paragraph without a stop", 700), line("next paragraph", 660)],
      text: "end of one paragraph without a stop\n\nnext paragraph",
    },
    {
      name: "a bigger font (heading) is not joined",
      lines: [
        line("Service Level Agreement for the Lumen Voice platform and its APIs", 700, { fontSize: 16 }),
        line("applies to all customers", 680),
      ],
      text: "Service Level Agreement for the Lumen Voice platform and its APIs\napplies to all customers",
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(joinWrappedLines([c.lines])).toBe(c.text));
  }

  it("separates pages by a blank line (when the first does not run on into the second)", () => {
    expect(joinWrappedLines([[line("page one.", 700)], [line("page two", 700)]])).toBe(
      "page one.\n\npage two",
    );
    // a short last line (a heading, the end of a list) does not run on
    const short = [[line("Scope.", 712), line("page one", 700, { right: 200 })], [line("page two", 700)]];
    expect(joinWrappedLines(short)).toBe("Scope.\npage one\n\npage two");
  });
});

describe("layoutLines", () => {
  it("groups pieces by baseline, orders them left to right and splits table cells", () => {
    const lines = layoutLines([
      { str: "15 分钟", x: 289, y: 292.6, width: 30, fontSize: 9 },
      { str: "P0", x: 54, y: 292.6, width: 9, fontSize: 9 },
      { str: " ", x: 63, y: 292.6, width: 226, fontSize: 9 },
      { str: "等级", x: 54, y: 312.6, width: 18, fontSize: 9 },
      { str: "定义", x: 94, y: 312.6, width: 18, fontSize: 9 },
      { str: "within one", x: 54, y: 200, width: 45, fontSize: 9 },
      { str: "(1) hour", x: 102, y: 200.2, width: 35, fontSize: 9 },
    ]);
    expect(lines.map((l) => [l.text, l.cells])).toEqual([
      ["等级 | 定义", 2],
      ["P0 | 15 分钟", 2],
      ["within one (1) hour", 1],
    ]);
  });
});

describe("fixCjkRadicals", () => {
  it("maps Kangxi radicals and simplified supplement radicals to ideographs, nothing else", () => {
    expect(fixCjkRadicals("服务⽇志按⽉提供，⻓期保存，⻔户⻚面")).toBe(
      "服务日志按月提供，长期保存，门户页面",
    );
    expect(fixCjkRadicals("ﬁ ① Ａ")).toBe("ﬁ ① Ａ");
  });
});

describe("dropPageFurniture and page breaks", () => {
  /** Page n of a document with a running header, a footer "Page n of 3" and `body` lines. */
  const page = (n: number, body: PdfLine[]): PdfLine[] => [
    line("Brightmoor Service Level Agreement", 800, { right: 300 }),
    ...body,
    line(`Page ${n} of 3`, 40, { left: 280, right: 320 }),
  ];

  it("removes running headers, page footers and lone page numbers; keeps the body", () => {
    const pages = [
      page(1, [line("Brightmoor answers Sev 1 cases within one hour.", 700, { right: 400 })]),
      page(2, [line("Service credits are 10% of the monthly fee.", 700, { right: 380 })]),
      [line("- 3 -", 800, { left: 280, right: 320 }), line("第 4 页", 40, { left: 280, right: 320 })],
    ];
    expect(joinWrappedLines(dropPageFurniture(pages))).toBe(
      "Brightmoor answers Sev 1 cases within one hour.\n\nService credits are 10% of the monthly fee.",
    );
  });

  it("keeps a line that repeats on fewer than half the pages, and table rows repeated on every page", () => {
    const pages = [1, 2, 3, 4].map((n) => [
      line("Severity | Response", 780, { cells: 2 }),
      line(n === 1 ? "Scope" : `Body text ${n}.`, 700, { right: 200 }),
    ]);
    pages[0]?.push(line("Definitions", 60, { right: 150 }));
    pages[1]?.push(line("Definitions", 60, { right: 150 }));
    pages[2]?.push(line("Unrelated", 60, { right: 150 }));
    pages[3]?.push(line("Other", 60, { right: 150 }));
    const kept = dropPageFurniture(pages)
      .flat()
      .map((l) => l.text);
    expect(kept.filter((t) => t === "Severity | Response")).toHaveLength(4);
    // two pages of four is half: a running footer
    expect(kept).not.toContain("Definitions");
    expect(kept).toContain("Unrelated");
  });

  it("keeps a page's only text even when every page repeats it", () => {
    const pages = [1, 2, 3].map(() => [line("Uptime 99.9%", 700, { right: 120 })]);
    expect(dropPageFurniture(pages).flat()).toHaveLength(3);
  });

  it("joins a sentence that runs on across a page break, once the footer is gone", () => {
    const pages = [
      page(1, [line("Brightmoor will credit 10% of the monthly fee when monthly availability falls", 100)]),
      page(2, [
        line("below 99.9%.", 700, { right: 120 }),
        line("Credits are claimed by ticket.", 686, { right: 250 }),
      ]),
    ];
    expect(joinWrappedLines(dropPageFurniture(pages))).toBe(
      "Brightmoor will credit 10% of the monthly fee when monthly availability falls below 99.9%.\nCredits are claimed by ticket.",
    );
  });

  it("does not join across a page when the page ends a sentence or the next starts an item", () => {
    const ended = [
      [line("Credits are claimed by ticket.", 100)],
      [line("Sev 1 cases are answered in an hour.", 700)],
    ];
    expect(joinWrappedLines(ended)).toBe(
      "Credits are claimed by ticket.\n\nSev 1 cases are answered in an hour.",
    );
    const item = [[line("The following are excluded", 100)], [line("(1) customer network faults;", 700)]];
    expect(joinWrappedLines(item)).toBe("The following are excluded\n\n(1) customer network faults;");
  });
});
