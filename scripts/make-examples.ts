/**
 * Generates the binary example documents (committed; not run by CI):
 *   examples/yunchuan-rtc-sla-zh.pdf, examples/kestrel-speech-support-en.docx
 * Run: npx tsx scripts/make-examples.ts   (needs a CJK font: apt-get install fonts-wqy-microhei)
 * The HTML example (examples/lumen-voice-sla.html) is written by hand.
 */
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import PDFDocument from "pdfkit";

const root = fileURLToPath(new URL("../", import.meta.url));
/**
 * WenQuanYi Micro Hei (TrueType outlines) subsets to a few KB; Noto Sans CJK (CFF outlines)
 * adds about 60 KB per PDF. Install: apt-get install fonts-wqy-microhei
 */
const CJK_FONT = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYiMicroHei"] as const;

type Block =
  | { kind: "title" | "heading" | "para"; text: string }
  | { kind: "table"; widths: number[]; rows: string[][] };

const yunchuanSla: Block[] = [
  { kind: "title", text: "云川实时音视频（Yunchuan RTC）服务等级协议" },
  { kind: "para", text: "版本：2026 年 3 月 1 日起生效" },
  { kind: "heading", text: "一、适用范围" },
  {
    kind: "para",
    text: "本协议适用于客户通过云川控制台购买并开通的云川实时音视频服务（以下简称“本服务”），包括音视频通话、互动直播、云端录制以及与之配套的服务端接口和客户端 SDK，规定了云川就本服务向客户承诺的服务可用性、服务赔偿、技术支持与故障处理标准。",
  },
  { kind: "heading", text: "二、服务可用性" },
  { kind: "para", text: "2.1 云川承诺本服务每个服务月的服务可用性不低于 99.95%。" },
  {
    kind: "para",
    text: "2.2 服务可用性按服务月计算：服务可用性 =（当月总分钟数 − 当月服务不可用分钟数）÷ 当月总分钟数 × 100%。若连续 5 分钟内客户的全部加入频道请求均失败，则该 5 分钟计为服务不可用时间；不足 5 分钟的不计入服务不可用时间。",
  },
  { kind: "para", text: "2.3 服务可用性及服务不可用时间以云川监控数据为准。" },
  { kind: "heading", text: "三、服务赔偿" },
  { kind: "para", text: "3.1 如本服务未达到上述可用性承诺，云川将按下表以代金券形式向客户提供赔偿：" },
  {
    kind: "table",
    widths: [260, 235],
    rows: [
      ["月度服务可用性", "赔偿代金券金额（占当月服务费比例）"],
      ["低于 99.95% 但不低于 99.9%", "10%"],
      ["低于 99.9% 但不低于 99%", "25%"],
      ["低于 99%", "50%"],
    ],
  },
  {
    kind: "para",
    text: "3.2 赔偿代金券仅可用于抵扣本服务后续费用，不可兑换现金。每月赔偿总额不超过客户当月支付的本服务费用的 50%。",
  },
  {
    kind: "para",
    text: "3.3 客户应在服务不可用发生的当月结束后 60 天内通过工单提出赔偿申请，逾期视为放弃。",
  },
  { kind: "heading", text: "四、技术支持与故障响应" },
  { kind: "para", text: "4.1 云川通过电话热线、工单系统和企业微信服务群为客户提供技术支持。" },
  { kind: "para", text: "4.2 故障等级定义与响应时限如下：" },
  {
    kind: "table",
    widths: [40, 195, 60, 80, 120],
    rows: [
      ["等级", "定义", "响应时间", "解决时间", "服务时间"],
      ["P0", "核心功能不可用，全部用户无法加入频道", "15 分钟", "4 小时", "7×24 小时"],
      ["P1", "主要功能严重受损，大量用户通话质量下降", "30 分钟", "8 小时", "7×24 小时"],
      ["P2", "部分功能异常，存在临时规避方案", "2 小时", "3 个工作日", "工作日 9:00–18:00"],
      ["P3", "咨询、使用问题或功能建议", "1 个工作日", "不承诺", "工作日 9:00–18:00"],
    ],
  },
  {
    kind: "para",
    text: "4.3 对 P0、P1 故障，如在响应时限内未获响应，客户可通过电话热线要求升级至云川技术支持值班负责人。",
  },
  { kind: "heading", text: "五、故障分析报告" },
  {
    kind: "para",
    text: "5.1 对于 P0 和 P1 故障，云川将在故障恢复后 72 小时内向客户提交书面故障分析报告，内容包括故障原因、影响范围、处理过程和改进措施。",
  },
  { kind: "heading", text: "六、维护与升级" },
  {
    kind: "para",
    text: "6.1 计划内维护：云川将至少提前 72 小时通过控制台公告通知客户，维护窗口为北京时间每周二 00:00–06:00。",
  },
  {
    kind: "para",
    text: "6.2 版本升级：服务端版本升级免费提供，重大升级将至少提前 30 天通知客户；升级采用灰度发布，升级出现异常时云川将回滚至上一稳定版本。",
  },
  { kind: "heading", text: "七、免责条款" },
  { kind: "para", text: "7.1 因下列原因导致的服务不可用，不计入服务不可用时间：" },
  { kind: "para", text: "（1）客户自身网络接入故障；" },
  { kind: "para", text: "（2）客户未按云川接入文档配置或使用本服务；" },
  { kind: "para", text: "（3）不可抗力，包括自然灾害、战争、政府行为等；" },
  { kind: "para", text: "（4）按本协议第六条提前通知的计划内维护；" },
  { kind: "para", text: "（5）客户违反服务协议被暂停服务期间。" },
];

function writePdf(path: string, blocks: Block[]): Promise<void> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Author: "Termsight examples", CreationDate: new Date("2026-03-01T00:00:00Z") },
  });
  doc.registerFont("cjk", CJK_FONT[0], CJK_FONT[1]);
  const width = doc.page.width - 100;
  for (const block of blocks) {
    if (block.kind === "table") {
      drawTable(doc, block.widths, block.rows);
      continue;
    }
    const size = block.kind === "title" ? 16 : block.kind === "heading" ? 12.5 : 10.5;
    doc.font("cjk").fontSize(size);
    doc.text(block.text, 50, doc.y, { width });
    doc.moveDown(block.kind === "title" ? 0.8 : 0.5);
  }
  return finish(doc, path);
}

function drawTable(doc: PDFKit.PDFDocument, widths: number[], rows: string[][]): void {
  const rowHeight = 20;
  let y = doc.y + 4;
  for (const row of rows) {
    if (y + rowHeight > doc.page.height - 60) {
      doc.addPage();
      y = doc.y;
    }
    let x = 50;
    doc.font("cjk").fontSize(9);
    for (const [c, cell] of row.entries()) {
      doc.rect(x, y, widths[c], rowHeight).lineWidth(0.5).stroke("#999999");
      doc.fillColor("#000000").text(cell, x + 4, y + 5, { width: widths[c] - 8, lineBreak: false });
      x += widths[c];
    }
    y += rowHeight;
  }
  doc.x = 50;
  doc.y = y + 10;
}

function finish(doc: PDFKit.PDFDocument, path: string): Promise<void> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    doc.on("end", () => {
      writeFileSync(path, Buffer.concat(chunks));
      resolve();
    });
    doc.end();
  });
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
const row = (cells: string[], header = false) =>
  new TableRow({ tableHeader: header, children: cells.map((c) => cell(c, header)) });
const p = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
const h = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });

async function writeKestrelDocx(path: string): Promise<void> {
  const doc = new Document({
    creator: "Termsight examples",
    title: "Kestrel Speech Enterprise Support Policy",
    sections: [
      {
        children: [
          new Paragraph({
            text: "Kestrel Speech Enterprise Support Policy",
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
          }),
          p("Effective 1 March 2026."),
          h("1. Scope"),
          p(
            'This policy describes the technical support that Kestrel Speech, Inc. ("Kestrel") provides to Enterprise customers of the Kestrel Speech-to-Text and Text-to-Speech APIs and SDKs ("the Services").',
          ),
          h("2. Support channels"),
          p(
            "Customers may contact Kestrel Support by phone, by email at support@kestrel-speech.example, by opening a case in the Kestrel support portal, and through a shared Slack channel. Each Enterprise customer is assigned a named Technical Account Manager (TAM).",
          ),
          h("3. Severity levels and response times"),
          p(
            "The customer assigns the initial severity of each case. Kestrel may propose a different severity, which takes effect only with the customer's agreement. Kestrel responds to cases within the following times:",
          ),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              row(["Severity", "Definition", "Initial response", "Coverage"], true),
              row([
                "Sev 1",
                "Production service down or unusable for all users; no workaround",
                "Within one (1) hour",
                "24x7",
              ]),
              row([
                "Sev 2",
                "Major function impaired; a significant number of users affected",
                "Within four (4) hours",
                "24x7",
              ]),
              row([
                "Sev 3",
                "Partial, non-critical loss of functionality; workaround available",
                "Next business day",
                "Business hours",
              ]),
              row([
                "Sev 4",
                "General questions, documentation issues and feature requests",
                "Within two (2) business days",
                "Business hours",
              ]),
            ],
          }),
          p(
            "Business hours are 09:00 to 18:00 in the customer's primary time zone, Monday to Friday, excluding public holidays. For Sev 1 cases Kestrel engineers work continuously until the service is restored or a workaround is in place.",
          ),
          p(
            "If a case is not progressing, the customer may escalate it to the TAM and then to Kestrel's Director of Support.",
          ),
          h("4. Upgrades"),
          p(
            "All upgrades and patches to the Services are included at no extra charge. Kestrel gives at least thirty (30) days' notice of any breaking change or retirement of a model version. New versions are released as a staged rollout, first to a small share of traffic, and Kestrel can roll back to the previous version if error rates rise.",
          ),
          h("5. Customer data after termination"),
          p(
            "After termination the customer may export its data (transcripts, custom vocabularies and custom voice models) through the API or the support portal for thirty (30) days. Kestrel deletes all customer data, including backups, within ninety (90) days after termination.",
          ),
        ],
      },
    ],
  });
  writeFileSync(path, await Packer.toBuffer(doc));
}

async function main(): Promise<void> {
  if (!existsSync(CJK_FONT[0])) throw new Error(`missing ${CJK_FONT[0]}: apt-get install fonts-wqy-microhei`);
  await writePdf(`${root}examples/yunchuan-rtc-sla-zh.pdf`, yunchuanSla);
  await writeKestrelDocx(`${root}examples/kestrel-speech-support-en.docx`);
  console.log("wrote examples/yunchuan-rtc-sla-zh.pdf, examples/kestrel-speech-support-en.docx");
}

await main();
