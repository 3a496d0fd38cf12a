import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PDFKitDocument from "pdfkit";

const require = createRequire(import.meta.url);
// svg-to-pdfkit ships no types: (doc, svg, x, y, options) draws the SVG onto the page.
type SvgToPdf = (
  doc: PDFKit.PDFDocument,
  svg: string,
  x: number,
  y: number,
  options: {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    fontCallback?: () => string;
    assumePt?: boolean;
  },
) => void;
let pdfkit: { PDFDocument: typeof PDFKitDocument; SVGtoPDF: SvgToPdf } | null = null;

/**
 * pdfkit and svg-to-pdfkit, loaded on the first PDF: about 5 MB of a server's heap that every
 * garbage collection would otherwise mark, in a process that may never render a PDF.
 */
function loadPdfkit(): { PDFDocument: typeof PDFKitDocument; SVGtoPDF: SvgToPdf } {
  pdfkit ??= {
    PDFDocument: require("pdfkit") as typeof PDFKitDocument,
    SVGtoPDF: require("svg-to-pdfkit") as SvgToPdf,
  };
  return pdfkit;
}

/** What a PDF holds, in order: the same blocks for reports, reviews, memos and claim letters. */
export type PdfBlock =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string; small?: boolean }
  | { kind: "table"; columns: string[]; rows: string[][]; widths?: number[] }
  | { kind: "svg"; svg: string; caption?: string; height?: number };

const FONT = "cjk";
let fontBytes: Buffer | null = null;

/**
 * The CJK font from the npm package @expo-google-fonts/noto-sans-sc (SIL OFL): one font for
 * Chinese and Latin text; pdfkit embeds only the glyphs a document uses (subset).
 */
function cjkFont(): Buffer {
  if (!fontBytes) {
    const path = require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");
    fontBytes = readFileSync(path);
  }
  return fontBytes;
}

const MARGIN = 40;

/** Renders blocks into an A4 PDF in Node (no browser): tables wrap and break across pages. */
export function renderPdf(
  blocks: PdfBlock[],
  meta: { title: string; lang: "zh" | "en" },
): Promise<Uint8Array> {
  const { PDFDocument, SVGtoPDF } = loadPdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: meta.title, Creator: "Termsight" },
    lang: meta.lang === "zh" ? "zh-CN" : "en",
    bufferPages: false,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  doc.registerFont(FONT, cjkFont());
  doc.font(FONT);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  for (const b of blocks) {
    switch (b.kind) {
      case "title":
        doc.fontSize(18).fillColor("#111").text(b.text, MARGIN, doc.y, { width });
        doc.moveDown(0.5);
        break;
      case "heading":
        ensure(40);
        doc.moveDown(0.6).fontSize(13).fillColor("#111").text(b.text, MARGIN, doc.y, { width });
        doc.moveDown(0.2);
        break;
      case "paragraph":
        doc
          .fontSize(b.small ? 8 : 10)
          .fillColor(b.small ? "#555" : "#222")
          .text(b.text, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case "svg": {
        const h = b.height ?? 190;
        ensure(h + 20);
        // Without preserveAspectRatio svg-to-pdfkit draws the SVG at its own size (a 720 × 260 chart
        // ran past the page's right edge and 80 pt into what followed); with it, the SVG is fitted
        // into width × h, keeping its proportions, from the left.
        SVGtoPDF(doc, b.svg, MARGIN, doc.y, {
          width,
          height: h,
          preserveAspectRatio: "xMinYMin meet",
          fontCallback: () => FONT,
          assumePt: true,
        });
        doc.font(FONT);
        doc.y += h;
        if (b.caption)
          doc
            .fontSize(8)
            .fillColor("#555")
            .text(b.caption, MARGIN, doc.y + 2, { width });
        doc.moveDown(0.4);
        break;
      }
      case "table":
        drawTable(doc, b, width, bottom);
        break;
    }
  }
  doc.end();
  return done;
}

function drawTable(
  doc: PDFKit.PDFDocument,
  t: Extract<PdfBlock, { kind: "table" }>,
  width: number,
  bottom: () => number,
): void {
  const n = t.columns.length;
  const weights = t.widths ?? t.columns.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => (w / sum) * width);
  const size = n > 7 ? 6.5 : 8;
  const pad = 2;
  // Plain ASCII cells (dates, figures, event lists) use a built-in font: its metrics need no glyph
  // shaping, which makes long tables faster; anything else uses the CJK font.
  const fontFor = (c: string) => (/^[\x20-\x7E]*$/.test(c) ? "Helvetica" : FONT);
  const rowHeight = (cells: string[]) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(fontFor(c))
          .fontSize(size)
          .heightOfString(c, { width: cols[i] - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: string[], head: boolean) => {
    const h = rowHeight(cells);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!head) drawRow(t.columns, true);
    }
    const y = doc.y;
    let x = MARGIN;
    if (head) doc.rect(MARGIN, y, width, h).fill("#eef0f3");
    cells.forEach((c, i) => {
      doc
        .font(fontFor(c))
        .fontSize(size)
        .fillColor("#222")
        .text(c, x + pad, y + pad, { width: cols[i] - 2 * pad });
      x += cols[i];
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.3)
      .strokeColor("#cccccc")
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(t.columns, true);
  for (const r of t.rows) drawRow(r, false);
  doc.font(FONT);
  doc.moveDown(0.5);
}
