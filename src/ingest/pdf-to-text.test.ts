import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { tinyPdf } from "./__fixtures__/tiny-pdf.js";
import { ENCRYPTED_PDF, NO_TEXT_LAYER, pdfToText } from "./pdf-to-text.js";

const example = new Uint8Array(
  readFileSync(new URL("../../examples/yunchuan-rtc-sla-zh.pdf", import.meta.url)),
);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

function pdfkit(
  opts: PDFKit.PDFDocumentOptions,
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Uint8Array> {
  const doc = new PDFDocument(opts);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    draw(doc);
    doc.end();
  });
}

async function reason(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).reason;
}

describe("pdfToText on the Yunchuan SLA example", () => {
  it("joins lines wrapped mid-sentence into whole sentences", async () => {
    const lines = (await pdfToText(example, "sla.pdf")).split("\n");
    expect(lines).toContain(
      "本协议适用于客户通过云川控制台购买并开通的云川实时音视频服务（以下简称“本服务”），包括音视频通话、互动直播、云端录制以及与之配套的服务端接口和客户端 SDK，规定了云川就本服务向客户承诺的服务可用性、服务赔偿、技术支持与故障处理标准。",
    );
    expect(lines).toContain(
      "5.1 对于 P0 和 P1 故障，云川将在故障恢复后 72 小时内向客户提交书面故障分析报告，内容包括故障原因、影响范围、处理过程和改进措施。",
    );
    expect(lines).toContain("2.3 服务可用性及服务不可用时间以云川监控数据为准。");
  });

  it("keeps headings, list items and table rows on their own lines", async () => {
    const lines = (await pdfToText(example, "sla.pdf")).split("\n");
    expect(lines).toContain("五、故障分析报告");
    expect(lines).toContain("（1）客户自身网络接入故障；");
    expect(lines).toContain("等级 | 定义 | 响应时间 | 解决时间 | 服务时间");
    expect(lines).toContain("P0 | 核心功能不可用，全部用户无法加入频道 | 15 分钟 | 4 小时 | 7×24 小时");
    expect(lines).toContain("低于 99.95% 但不低于 99.9% | 10%");
  });
});

describe("pdfToText", () => {
  it("drops running headers and page numbers and joins a sentence across a page break", async () => {
    const bytes = await pdfkit({ size: "A4", margin: 0 }, (doc) => {
      const pages = [
        [
          "Section 2 Availability.",
          "Brightmoor credits 10% of the monthly fee whenever monthly availability falls",
        ],
        ["below 99.9%.", "Section 3 Support."],
        ["Sev 1 cases are answered within one hour."],
      ];
      pages.forEach((body, n) => {
        if (n > 0) doc.addPage({ size: "A4", margin: 0 });
        doc.fontSize(9).text("Brightmoor Service Level Agreement", 50, 30, { lineBreak: false });
        body.forEach((text, i) => {
          doc.fontSize(11).text(text, 50, 100 + i * 14, { lineBreak: false });
        });
        doc.fontSize(9).text(`Page ${n + 1} of 3`, 270, 800, { lineBreak: false });
      });
    });
    expect(await pdfToText(bytes, "paged.pdf")).toBe(
      [
        "Section 2 Availability.",
        "Brightmoor credits 10% of the monthly fee whenever monthly availability falls below 99.9%.",
        "Section 3 Support.",
        "",
        "Sev 1 cases are answered within one hour.",
      ].join("\n"),
    );
  });

  it("maps Kangxi radicals in the text layer back to ideographs", async () => {
    expect(await pdfToText(tinyPdf("服务⽇志按⽉提供，⻓期保存。"), "k.pdf")).toBe(
      "服务日志按月提供，长期保存。",
    );
  });

  it("reports a scanned (image-only) PDF as having no text layer", async () => {
    const scanned = await pdfkit({ size: [100, 100] }, (doc) => doc.image(PNG, 10, 10, { width: 80 }));
    expect(await reason(pdfToText(scanned, "scan.pdf"))).toBe(NO_TEXT_LAYER);
  });

  it("reports an encrypted PDF", async () => {
    const locked = await pdfkit({ userPassword: "secret", ownerPassword: "owner" }, (doc) =>
      doc.text("SLA 99.9%"),
    );
    expect(await reason(pdfToText(locked, "locked.pdf"))).toBe(ENCRYPTED_PDF);
  });

  it("reports a corrupt PDF", async () => {
    const corrupt = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage");
    expect(await reason(pdfToText(corrupt, "bad.pdf"))).toMatch(/^corrupt PDF|^no text layer/);
    expect(await reason(pdfToText(example.subarray(0, 2000), "cut.pdf"))).toMatch(
      /^corrupt PDF|^no text layer/,
    );
  });

  it("gives up with an InputError when parsing exceeds the time limit", async () => {
    expect(await reason(pdfToText(example, "slow.pdf", 0))).toMatch(/^corrupt PDF: parsing took longer than/);
  });
});
