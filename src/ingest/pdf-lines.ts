/** A positioned piece of text from a PDF page (PDF user space: origin bottom-left). */
export interface PdfTextPiece {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** One visual line of a page. `cells` > 1 when wide gaps split it (a table row). */
export interface PdfLine {
  text: string;
  left: number;
  right: number;
  y: number;
  fontSize: number;
  cells: number;
  /** The line's last piece ended with a space (a line broken at a space keeps it). */
  spaceAfter?: boolean;
}

/** A gap wider than this many font sizes separates table cells (joined with ` | `). */
const CELL_GAP = 1.5;
/** A gap wider than this many font sizes is a space. */
const SPACE_GAP = 0.2;

/**
 * Groups the pieces of one page into lines, top to bottom: pieces whose baselines are within
 * 0.4 font sizes share a line, sorted left to right. A gap of more than 1.5 font sizes between
 * pieces is a table cell boundary (` | `), a smaller one of more than 0.2 font sizes a space.
 */
export function layoutLines(pieces: PdfTextPiece[]): PdfLine[] {
  // pdf.js fills gaps with whitespace-only items spanning them; positions say more than they do
  const sorted = pieces.filter((p) => p.str.trim() !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextPiece[][] = [];
  for (const piece of sorted) {
    const last = groups[groups.length - 1];
    const size = Math.max(piece.fontSize, 1);
    if (last && Math.abs(last[0].y - piece.y) <= 0.4 * size) last.push(piece);
    else groups.push([piece]);
  }
  return groups.map(toLine).filter((l) => l.text !== "");
}

function toLine(group: PdfTextPiece[]): PdfLine {
  group.sort((a, b) => a.x - b.x);
  const fontSize = Math.max(...group.map((p) => p.fontSize), 1);
  let text = "";
  let cells = 1;
  let prevRight = Number.NaN;
  for (const p of group) {
    const gap = p.x - prevRight;
    const piece = p.str.replace(/\s+/g, " ");
    if (gap > CELL_GAP * fontSize && text.trim() !== "" && piece.trim() !== "") {
      text = `${text.trimEnd()} | `;
      cells++;
      text += piece.trimStart();
    } else {
      if (gap > SPACE_GAP * fontSize && !/\s$/.test(text) && !/^\s/.test(piece) && text !== "") text += " ";
      text += piece;
    }
    prevRight = Math.max(Number.isNaN(prevRight) ? p.x + p.width : prevRight, p.x + p.width);
  }
  const left = Math.min(...group.map((p) => p.x));
  const spaceAfter = /\s$/.test(group[group.length - 1].str);
  const clean = text.replace(/ {2,}/g, " ").trim();
  return { text: clean, left, right: prevRight, y: group[0].y, fontSize, cells, spaceAfter };
}

const SENTENCE_END = /[。；：！？.;:!?．]["'”’」』）)]*$/;
/** Starts of list items and headings: "1.", "(2)", "（三）", "一、", "第二条", "-", "•", "a)". */
const ITEM_START =
  /^(?:[-•·*▪●○◦–—]\s|\d+(?:\.\d+)+\s|\d+[.)]\s|\d+[、．]|[(（][0-9一二三四五六七八九十a-zA-Z]{1,3}[)）]|[一二三四五六七八九十]+[、．.]|第[一二三四五六七八九十百0-9]+[条章节款]|[a-zA-Z][.)]\s|(?:Section|Article|Clause|Annex|Appendix|Schedule)\s+\d)/;
/** "within one (1) hour" wrapped before "(1)": the numeral repeats the number word, not a list item. */
const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-eight|sixty|seventy-two|ninety|hundred)$/i;
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Joins lines that a PDF wrapped mid-sentence. Line `a` is joined with the next line `b` when
 * `a` does not end a sentence (。；：！？.;:!?), neither is a table row, `b` does not start a
 * list item or heading, both have the same font size, `b` follows right below `a` (no
 * paragraph gap), and `a` was full: `a`'s first word would not have fitted at the end of `a`
 * within the page's right edge. CJK text is joined without a space, Latin text with one.
 * Lines are separated by "\n", paragraphs (a wide vertical gap, except between two table rows)
 * and pages by a blank line — unless the page's last line runs on into the next page's first
 * line by the same tests (drop page furniture first: see dropPageFurniture).
 */
export function joinWrappedLines(pages: PdfLine[][]): string {
  const out: string[] = [];
  let prev: PdfLine | null = null;
  /** The previous page's text edges (a sentence running onto the next page joins like a wrapped line). */
  let prevPage = { right: 0, left: 0 };
  for (const lines of pages) {
    if (lines.length === 0) continue;
    const right = Math.max(...lines.map((l) => l.right));
    const left = Math.min(...lines.map((l) => l.left));
    let prevOnPage: PdfLine | null = null;
    for (const line of lines) {
      if (prev == null) {
        out.push(line.text);
      } else if (prevOnPage == null && continuesOnNextPage(prev, line, prevPage.right, prevPage.left)) {
        out.push(prev.spaceAfter ? " " : joiner(prev.text, line.text), line.text);
      } else if (prevOnPage != null && isWrapped(prevOnPage, line, right, left)) {
        out.push(prevOnPage.spaceAfter ? " " : joiner(prevOnPage.text, line.text), line.text);
      } else {
        const gap = prevOnPage == null ? Number.POSITIVE_INFINITY : prevOnPage.y - line.y;
        const sameTable = prevOnPage != null && prevOnPage.cells > 1 && line.cells > 1;
        const paragraph = !sameTable && gap > 1.9 * Math.max(prevOnPage?.fontSize ?? 0, line.fontSize);
        out.push(paragraph ? "\n\n" : "\n", line.text);
      }
      prev = line;
      prevOnPage = line;
    }
    prevPage = { right, left };
  }
  return out.join("");
}

/** The last line of a page runs on into the first line of the next: the same tests as a wrapped line, without the vertical gap. */
function continuesOnNextPage(a: PdfLine, b: PdfLine, pageRight: number, pageLeft: number): boolean {
  return isWrapped(a, { ...b, y: a.y - a.fontSize }, pageRight, pageLeft);
}

/** A page number alone on its line: "7", "- 7 -", "Page 7", "Page 7 of 12", "7 / 12", "第 7 页", "第7页 共12页". */
const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?(?:\s*[-–—])?$|^第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?$/i;
/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const EDGE_LINES = 2;

/**
 * Removes page furniture: page numbers at the top or bottom of a page, and running headers and
 * footers — a line (digits aside, so "Page 3" and "Page 4" are one line) that stands at the top
 * or bottom edge of at least half the pages (two at least). Table rows are never furniture: a
 * table header repeated on every page stays; nor is a page's only text.
 */
export function dropPageFurniture(pages: PdfLine[][]): PdfLine[][] {
  const keyOf = (l: PdfLine) => l.text.replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
  const edges = (lines: PdfLine[]) => {
    const top = lines.slice(0, EDGE_LINES);
    return [...top, ...lines.slice(Math.max(top.length, lines.length - EDGE_LINES))];
  };
  const pagesWith = new Map<string, number>();
  for (const lines of pages) {
    for (const key of new Set(
      edges(lines)
        .filter((l) => l.cells === 1)
        .map(keyOf),
    ))
      pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const nonEmpty = pages.filter((p) => p.length > 0).length;
  const repeated = (l: PdfLine) => {
    const n = pagesWith.get(keyOf(l)) ?? 0;
    return l.cells === 1 && n >= 2 && n * 2 >= nonEmpty;
  };
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    const numbered = lines.filter((l) => !(edge.has(l) && PAGE_NUMBER.test(l.text.trim())));
    const body = numbered.filter((l) => !(edge.has(l) && repeated(l)));
    // a page whose every line repeats on the others is content, not furniture (a form, a one-line page)
    return body.length > 0 ? body : numbered;
  });
}

function isWrapped(a: PdfLine, b: PdfLine, pageRight: number, pageLeft: number): boolean {
  if (SENTENCE_END.test(a.text) || a.cells > 1 || b.cells > 1) return false;
  if (ITEM_START.test(b.text) && !(NUMBER_WORD.test(a.text) && /^\(\d+\)/.test(b.text))) return false;
  if (Math.abs(a.fontSize - b.fontSize) > 0.15 * a.fontSize) return false;
  const gap = a.y - b.y;
  if (gap <= 0 || gap > 1.9 * a.fontSize) return false;
  const firstWord = CJK.test(b.text[0] ?? "") ? b.text.slice(0, 1) : (/^\S+/.exec(b.text)?.[0] ?? "");
  const charWidth = (b.right - b.left) / Math.max(b.text.length, 1);
  const wordWidth = firstWord.length * charWidth + (CJK.test(firstWord) ? 0 : charWidth);
  const slack = Math.max(0.02 * (pageRight - pageLeft), 0.5 * a.fontSize);
  return a.right + wordWidth >= pageRight - slack;
}

function joiner(a: string, b: string): string {
  const last = a[a.length - 1] ?? "";
  const first = b[0] ?? "";
  // a line broken after a dash or slash ("00:00–" + "06:00", "third-" + "party") had no space there
  if (CJK.test(last) || CJK.test(first) || /[-–—/]/.test(last)) return "";
  return " ";
}

/**
 * Kangxi radicals (U+2F00–U+2FDF) and CJK radicals supplement (U+2E80–U+2EFF) that PDF fonts
 * map instead of the ideograph: NFKC on those characters only, then the simplified-form
 * radicals NFKC leaves alone.
 */
const SUPPLEMENT: Record<string, string> = {
  "\u2ea0": "民",
  "\u2eb0": "纟",
  "\u2ec5": "见",
  "\u2ec6": "角",
  "\u2ec8": "讠",
  "\u2ec9": "贝",
  "\u2ecb": "车",
  "\u2ed0": "钅",
  "\u2ed3": "长",
  "\u2ed4": "门",
  "\u2ed7": "雨",
  "\u2ed8": "青",
  "\u2ed9": "韦",
  "\u2eda": "页",
  "\u2edb": "风",
  "\u2edc": "飞",
  "\u2edd": "食",
  "\u2ee0": "饣",
  "\u2ee2": "马",
  "\u2ee4": "鬼",
  "\u2ee5": "鱼",
  "\u2ee6": "鸟",
  "\u2ee7": "卤",
  "\u2ee8": "麦",
  "\u2ee9": "黄",
  "\u2eea": "黾",
  "\u2eec": "齐",
  "\u2eee": "齿",
  "\u2ef0": "龙",
};

export function fixCjkRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2eff\u2f00-\u2fdf]/g, (c) => SUPPLEMENT[c] ?? c.normalize("NFKC"));
}
