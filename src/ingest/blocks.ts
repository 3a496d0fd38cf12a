/**
 * The document model: the extracted text cut into blocks — headings (with a level), paragraphs,
 * list items (with their marker, its numbering style and the nesting level) and tables (rows and
 * cells) — each with exact offsets: `text.slice(block.start, block.end) === block.text`, and the
 * same for markers, rows and cells. Every format reaches here as text (HTML and DOCX tables as
 * ` | ` rows, PDF lines rebuilt), so one reader serves them all.
 */

/** A piece of the text with its offsets. */
export interface TextRange {
  start: number;
  end: number;
  text: string;
}

export type MarkerStyle =
  | "bullet" // * - + • ● ▪ ◦ ■ □ ·
  | "decimal" // 1.  1、
  | "decimal-paren" // 1)  1）
  | "decimal-parens" // (1)
  | "decimal-fullwidth-parens" // （1）
  | "decimal-outline" // 2.3  2.3.1
  | "circled" // ①
  | "cjk-comma" // 一、
  | "cjk-parens" // （一） (一)
  | "cjk-article" // 第一条 第二章 第3节
  | "article" // Article 1
  | "section" // Section 2.3  § 4
  | "alpha-parens" // (a)
  | "alpha-paren" // a)
  | "alpha-dot" // a.  A.
  | "roman-dot" // i.  IV.
  | "roman-parens"; // (iv)

export interface ListMarker extends TextRange {
  style: MarkerStyle;
}

export interface HeadingBlock extends TextRange {
  kind: "heading";
  /** 1 = top; Markdown `#` count, or from the numbering (`第一章` 1, `（一）` 2, `2.3` 2); an unnumbered heading sits one below the last numbered one. */
  level: number;
  marker: ListMarker | null;
}

export interface ParagraphBlock extends TextRange {
  kind: "paragraph";
}

export interface ListItemBlock extends TextRange {
  kind: "list_item";
  marker: ListMarker;
  /** Numbered as a clause of the document ("2.1", "Section 4", "第三条"), not as an item of a list. */
  clause: boolean;
  /** 0 = outermost; from indentation, else from a change of numbering style inside the list. */
  level: number;
}

export interface TableRow extends TextRange {
  cells: TextRange[];
}

export interface TableBlock extends TextRange {
  kind: "table";
  rows: TableRow[];
}

export type DocumentBlock = HeadingBlock | ParagraphBlock | ListItemBlock | TableBlock;

const SEPARATOR_ROW = /^[\s|:：\-–—+=]+$/;
const TERMINAL = /[。．.;；:：!！?？,，]\s*$/;
const MEASURE = /\d\s*(?:%|％|分钟|小时|天|日|min|hour|hr|day|ms)|[%％]/i;
const NUMBERED_HEADING =
  /^\s*(?:#{1,6}\s|第[一二三四五六七八九十百\d]{1,4}[条章节部分]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:\.\d{1,2}){0,3}[.、．]?\s*\S|[（(][一二三四五六七八九十\d]{1,3}[)）]|(?:section|article|part)\s+\d)/i;
/** The list-item shapes that may start a clause in running text (a heading-like line among them is an item). */
const LIST_ITEM =
  /^\s*(?:[-*+](?=\s)|[•·●▪◦■□]|\d{1,2}[.)、）](?!\d)|[（(](?:\d{1,2}|[a-zA-Z]|[ivx]{1,4}|[一二三四五六七八九十]{1,3})[)）]|[a-z][.)]\s|[①-⑳])/;

const CJK_NUMERAL = "[一二三四五六七八九十百零〇]";
/** Marker shapes, most specific first; each is tried at the first non-space character. */
const MARKERS: [MarkerStyle, RegExp][] = [
  ["bullet", /^(?:[-*+](?=\s)|[•●▪◦■□·](?=\s|\S))/],
  ["circled", /^[①-⑳]/],
  ["cjk-article", new RegExp(`^第(?:${CJK_NUMERAL}{1,5}|\\d{1,4})[条章节款部分]`)],
  ["article", /^(?:Article|ARTICLE|Art\.)\s+\d{1,3}(?:\.\d{1,3})*[.:]?(?=\s|$)/],
  ["section", /^(?:(?:Section|SECTION|Clause|CLAUSE)\s+|§\s*)\d{1,3}(?:\.\d{1,3})*[.:]?(?=\s|$)/],
  ["cjk-parens", new RegExp(`^[（(]${CJK_NUMERAL}{1,3}[)）]`)],
  ["cjk-comma", new RegExp(`^${CJK_NUMERAL}{1,3}[、．.]`)],
  ["decimal-fullwidth-parens", /^（\d{1,3}[)）]/],
  ["decimal-parens", /^\(\d{1,3}[)）]/],
  ["roman-parens", /^[(（](?:[ivxlc]{1,5}|[IVXLC]{1,5})[)）]/],
  ["alpha-parens", /^[(（][a-zA-Z][)）]/],
  ["decimal-outline", /^\d{1,2}(?:\.\d{1,2})+\.?(?=\s+\D)/],
  ["decimal-paren", /^\d{1,3}[)）](?!\d)/],
  ["decimal", /^\d{1,3}[.．、](?!\d)/],
  ["roman-dot", /^(?:[ivxlc]{1,5}|[IVXLC]{1,5})[.)](?=\s)/],
  ["alpha-paren", /^[a-zA-Z]\)(?=\s)/],
  ["alpha-dot", /^[a-zA-Z]\.(?=\s)/],
];
/** Styles that number clauses and sections: a heading-like line with one is a heading whatever surrounds it. */
const SECTION_STYLES = new Set<MarkerStyle>(["cjk-article", "article", "section", "cjk-comma"]);

/** What every marker starts with: most lines (prose) are ruled out with this one test. */
const MAYBE_MARKER =
  /^(?:[-*+•●▪◦■□·①-⑳第一二三四五六七八九十百零〇（(§\d]|[a-zA-Z]{1,5}[.)]|Art|ART|Sec|SEC|Cla|CLA)/;

/** Styles that number a document's clauses rather than the items of a list. */
const CLAUSE_STYLES = new Set<MarkerStyle>(["cjk-article", "article", "section", "decimal-outline"]);

/** The numbering marker at `from` (the line's first non-space character), or null. */
export function markerAt(text: string, from: number, end: number): ListMarker | null {
  const rest = text.slice(from, Math.min(end, from + 24));
  if (!MAYBE_MARKER.test(rest)) return null;
  for (const [style, re] of MARKERS) {
    const m = re.exec(rest);
    if (m) return { start: from, end: from + m[0].length, text: m[0], style };
  }
  return null;
}

/** A single letter that is both a roman numeral and a letter ("i.", "(v)") is a letter right after its predecessor. */
function resolveRomanLetter(marker: ListMarker, previous: ListMarker | null): ListMarker {
  const letter = /^[(（]?([ivxlcIVXLC])[.)）]?$/.exec(marker.text)?.[1];
  if (!letter || !previous) return marker;
  const prev = /^[(（]?([a-zA-Z])[.)）]?$/.exec(previous.text)?.[1];
  if (!prev || prev.charCodeAt(0) + 1 !== letter.charCodeAt(0)) return marker;
  const style: MarkerStyle =
    marker.style === "roman-parens"
      ? "alpha-parens"
      : marker.text.endsWith(")")
        ? "alpha-paren"
        : "alpha-dot";
  return { ...marker, style };
}

function trimRange(text: string, start: number, end: number): TextRange | null {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return e > s ? { start: s, end: e, text: text.slice(s, e) } : null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 11 || c === 12;
}

/** Cells of a table-like line: `|` columns, tabs, or (when `spaced`) columns aligned with runs of spaces. */
export function splitCells(text: string, start: number, end: number, spaced: boolean): TextRange[] | null {
  const line = text.slice(start, end);
  let splitter: RegExp | null = null;
  if (line.includes("|") && (/\s\|\s|^\s*\||\|\s*$/.test(line) || (line.match(/\|/g)?.length ?? 0) >= 2))
    splitter = /\|/g;
  else if (line.includes("\t")) splitter = /\t+/g;
  else if (spaced) splitter = / {2,}|\u3000+/g;
  if (!splitter) return null;
  const cells: TextRange[] = [];
  const piped = splitter.source === "\\|";
  let last = 0;
  for (const m of line.matchAll(splitter)) {
    pushCell(text, start + last, start + (m.index ?? 0), piped && last > 0, cells);
    last = (m.index ?? 0) + m[0].length;
  }
  pushCell(text, start + last, end, false, cells);
  return cells.filter((c) => c.end > c.start).length >= 2 ? cells : null;
}

/**
 * A cell between two pipes is kept even when empty (a zero-length range where it sits), so the
 * cells of every row stay in their columns; empty space outside the first and last pipe is no cell.
 */
function pushCell(text: string, start: number, end: number, between: boolean, cells: TextRange[]): void {
  const r = trimRange(text, start, end);
  if (r) cells.push(r);
  else if (between) cells.push({ start, end: start, text: "" });
}

/** Columns a line splits into at runs of 2+ spaces; 0 when it reads as prose, 1 when not aligned. */
function spacedColumns(line: string): number {
  if (!line.includes("  ") && !line.includes("\u3000")) return 1;
  if (line.length > 240 || /[。；]\s*$/.test(line)) return 0;
  return line.trim().split(/ {2,}|\u3000+/).length;
}

/** A short line without closing punctuation or a measure: a title. */
export function isHeadingLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 60 || TERMINAL.test(t)) return false;
  if (/^#{1,6}\s/.test(t)) return true;
  if (MEASURE.test(t)) return false;
  if (NUMBERED_HEADING.test(t) && t.length <= 40) return true;
  return (
    t.length <= 24 ||
    (/^[\x20-\x7e]+$/.test(t) && t.length <= 50 && !/\b(?:will|shall|must|is|are)\b/i.test(t))
  );
}

/** The level a heading's numbering gives it, or null when it has none. */
function numberedLevel(line: string, marker: ListMarker | null): number | null {
  const hashes = /^\s*(#{1,6})\s/.exec(line);
  if (hashes) return (hashes[1] as string).length;
  if (!marker) return null;
  switch (marker.style) {
    case "cjk-article":
      return /章|部分/.test(marker.text) ? 1 : /节/.test(marker.text) ? 2 : 3;
    case "cjk-comma":
    case "roman-dot":
      return 1;
    case "cjk-parens":
      return 2;
    case "article":
    case "section":
    case "decimal-outline":
    case "decimal": {
      const number = /\d+(?:\.\d+)*/.exec(marker.text)?.[0] ?? "";
      return number.split(".").length;
    }
    default:
      return null;
  }
}

interface Line {
  start: number;
  end: number;
  text: string;
  /** Offset of the first non-space character (== end on a blank line). */
  first: number;
  indent: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    let end = nl === -1 ? text.length : nl;
    const next = nl === -1 ? text.length + 1 : nl + 1;
    if (text.charCodeAt(end - 1) === 13) end--;
    let first = start;
    let indent = 0;
    while (first < end && isSpace(text.charCodeAt(first))) {
      indent += text.charCodeAt(first) === 9 ? 4 : 1;
      first++;
    }
    lines.push({ start, end, text: text.slice(start, end), first, indent });
    start = next;
  }
  return lines;
}

/** Cuts the text into blocks, in document order; blocks never overlap. */
export function readBlocks(text: string): DocumentBlock[] {
  const lines = linesOf(text);
  const spaced = lines.map((l) => spacedColumns(l.text));
  const listy = lines.map((l) => l.first < l.end && LIST_ITEM.test(l.text));
  const nonBlank = lines.map((l) => l.first < l.end);
  /** Is the nearest non-blank line before (dir -1) or after (dir 1) a list item? */
  const listNeighbour = (i: number, dir: -1 | 1): boolean => {
    for (let j = i + dir; j >= 0 && j < lines.length; j += dir) if (nonBlank[j]) return listy[j] === true;
    return false;
  };
  /** Does the nearest non-blank line above end with a colon? */
  const afterLead = (i: number): boolean => {
    for (let j = i - 1; j >= 0; j--) if (nonBlank[j]) return /[:：]\s*$/.test((lines[j] as Line).text);
    return false;
  };
  const blocks: DocumentBlock[] = [];
  let table: TableBlock | null = null;
  let paragraph: ParagraphBlock | null = null;
  let lastNumberedLevel = 0;
  /** Open lists: indentation and style of each level. */
  let stack: { indent: number; style: MarkerStyle; marker: ListMarker }[] = [];

  const extend = (block: TextRange, end: number) => {
    block.end = end;
    block.text = text.slice(block.start, end);
  };

  lines.forEach((line, i) => {
    if (!nonBlank[i]) {
      table = null;
      paragraph = null;
      return;
    }
    const trimmed = trimRange(text, line.start, line.end) as TextRange;
    if (SEPARATOR_ROW.test(trimmed.text) && /[-|]/.test(trimmed.text)) {
      // a Markdown separator row belongs to the table it sits in
      if (table) extend(table, trimmed.end);
      return;
    }
    const neighbourSpaced = (spaced[i - 1] ?? 0) >= 2 || (spaced[i + 1] ?? 0) >= 2;
    const cells = splitCells(
      text,
      line.start,
      line.end,
      (spaced[i] ?? 0) >= 3 || ((spaced[i] ?? 0) >= 2 && neighbourSpaced),
    );
    if (cells) {
      paragraph = null;
      stack = [];
      const row: TableRow = { start: trimmed.start, end: trimmed.end, text: trimmed.text, cells };
      if (!table) {
        table = { kind: "table", start: trimmed.start, end: trimmed.end, text: trimmed.text, rows: [] };
        blocks.push(table);
      } else extend(table, trimmed.end);
      table.rows.push(row);
      return;
    }
    table = null;
    const rawMarker = markerAt(text, line.first, line.end);
    const heading = isHeadingLine(line.text);
    const sectionStyle = rawMarker !== null && SECTION_STYLES.has(rawMarker.style);
    // a bullet never titles anything, nor does a marker right after a line that announces a list
    // ("… caused by:"); a lone numbered short line does
    const listItem =
      rawMarker !== null &&
      (rawMarker.style === "bullet" ||
        (!sectionStyle && afterLead(i)) ||
        !(heading && (sectionStyle || (!listNeighbour(i, -1) && !listNeighbour(i, 1)))));
    if (!listItem && heading) {
      paragraph = null;
      stack = [];
      const numbered = numberedLevel(line.text, rawMarker);
      const level = numbered ?? Math.min(lastNumberedLevel + 1, 6);
      if (numbered !== null) lastNumberedLevel = numbered;
      blocks.push({
        kind: "heading",
        start: trimmed.start,
        end: trimmed.end,
        text: trimmed.text,
        level,
        marker: rawMarker,
      });
      return;
    }
    if (listItem && rawMarker) {
      paragraph = null;
      const marker = resolveRomanLetter(rawMarker, stack[stack.length - 1]?.marker ?? null);
      while (stack.length > 0 && (stack[stack.length - 1] as { indent: number }).indent > line.indent)
        stack.pop();
      const top = stack[stack.length - 1];
      if (!top || line.indent > top.indent) stack.push({ indent: line.indent, style: marker.style, marker });
      else if (top.style === marker.style) top.marker = marker;
      else {
        // the same indentation in another style: back to that style's level, or one level deeper
        const at = stack.findIndex((s) => s.indent === line.indent && s.style === marker.style);
        if (at >= 0) {
          stack = stack.slice(0, at + 1);
          (stack[at] as { marker: ListMarker }).marker = marker;
        } else stack.push({ indent: line.indent, style: marker.style, marker });
      }
      const clause = CLAUSE_STYLES.has(marker.style);
      blocks.push({
        kind: "list_item",
        start: trimmed.start,
        end: trimmed.end,
        text: trimmed.text,
        marker,
        clause,
        level: stack.length - 1,
      });
      return;
    }
    // a line indented under a list item continues it
    const last = blocks[blocks.length - 1];
    const top = stack[stack.length - 1];
    if (last?.kind === "list_item" && top && line.indent > top.indent && !paragraph) {
      extend(last, trimmed.end);
      return;
    }
    stack = [];
    if (paragraph) extend(paragraph, trimmed.end);
    else {
      paragraph = { kind: "paragraph", start: trimmed.start, end: trimmed.end, text: trimmed.text };
      blocks.push(paragraph);
    }
  });
  return blocks;
}

/** The headings each block sits under, outermost first (a block's own heading not included). */
export function headingPaths(blocks: DocumentBlock[]): HeadingBlock[][] {
  const open: HeadingBlock[] = [];
  return blocks.map((block) => {
    if (block.kind !== "heading") return open.slice();
    while (open.length > 0 && (open[open.length - 1] as HeadingBlock).level >= block.level) open.pop();
    const path = open.slice();
    open.push(block);
    return path;
  });
}
