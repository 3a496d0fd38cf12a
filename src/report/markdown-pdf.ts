import { type PdfBlock, renderPdf } from "./pdf-document.js";

/**
 * The Markdown Termsight writes (reviews, comparison memos, claim letters: headings, paragraphs,
 * lists, block quotes, pipe tables) as PDF blocks, so everything a user sends out has one PDF path.
 * Inline marks (`**`, backticks, links) are dropped to their text; entities written by escapeMarkdown
 * are turned back into characters (a PDF shows text, it does not interpret HTML).
 */
export function markdownBlocks(md: string): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: "paragraph", text: para.join(" ") });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: heading[1].length === 1 ? "title" : "heading", text: inline(heading[2]) });
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flush();
      const rows: string[][] = [];
      for (; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]); i++) {
        const cells = splitRow(lines[i]);
        if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue;
        rows.push(cells.map(inline));
      }
      i--;
      const [columns, ...body] = rows;
      if (columns)
        blocks.push({ kind: "table", columns, rows: body.map((r) => columns.map((_, k) => r[k] ?? "")) });
      continue;
    }
    if (line.trim() === "" || /^(-{3,}|\*{3,})$/.test(line.trim())) {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      flush();
      blocks.push({ kind: "paragraph", text: `• ${inline(item[1])}` });
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote) {
      flush();
      blocks.push({ kind: "paragraph", text: `“${inline(quote[1])}”`, small: true });
      continue;
    }
    para.push(inline(line.trim()));
  }
  flush();
  return blocks;
}

export function markdownPdf(md: string, meta: { title: string; lang: "zh" | "en" }): Promise<Uint8Array> {
  return renderPdf(markdownBlocks(md), meta);
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

function inline(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
