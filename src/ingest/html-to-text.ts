import { type HtmlElement, type HtmlNode, parseHtml } from "./html-tree.js";

/** Break markers: a run of them (and the spaces around) becomes one line break, or a blank line. */
const LINE = "\ue000";
const PARAGRAPH = "\ue001";

/** Elements whose content is never document text: code, styling, site chrome. */
const DROPPED = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "canvas",
  "iframe",
  "object",
  "nav",
  "footer",
  "aside",
  "form",
  "button",
  "select",
  "dialog",
]);
/** ARIA landmarks of site chrome. */
const DROPPED_ROLES = new Set(["navigation", "contentinfo", "banner", "search", "complementary"]);
/** Blocks separated by a blank line. */
const PARAGRAPHS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "ul",
  "ol",
  "dl",
  "blockquote",
  "pre",
  "figure",
  "section",
  "article",
  "main",
]);
/** Blocks that start a new line. */
const LINES = new Set([
  "div",
  "li",
  "dt",
  "dd",
  "tr",
  "header",
  "address",
  "figcaption",
  "caption",
  "details",
  "summary",
  "hr",
  "center",
  "tbody",
  "thead",
  "tfoot",
]);
const CONTENT_ANCESTORS = new Set(["main", "article", "section"]);

/**
 * HTML → plain text: site chrome (nav, footer, banner header, scripts, styles) dropped, block
 * elements on their own lines, one line per table row with cells joined by ` | `, list items
 * prefixed (`- ` or `1. `), entities decoded, whitespace collapsed except in `<pre>`.
 */
export function htmlToText(html: string): string {
  const root = parseHtml(html);
  const out: string[] = [];
  walk(root, out, false);
  return tidy(out.join(""));
}

/** The charset a page declares in `<meta charset>` or `http-equiv` content, if any. */
export function declaredCharset(headBytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(headBytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function walk(node: HtmlNode, out: string[], inPre: boolean): void {
  if (node.kind === "text") {
    const text = node.text.replace(/[\ue000\ue001]/g, "");
    out.push(inPre ? text : text.replace(/[\s\u00a0]+/g, " "));
    return;
  }
  const el = node;
  const tag = el.tag;
  if (isDropped(el, tag)) return;
  if (tag === "br") {
    out.push("\n");
    return;
  }
  if (tag === "table") {
    out.push(PARAGRAPH, tableToText(el), PARAGRAPH);
    return;
  }
  const paragraph = PARAGRAPHS.has(tag);
  const line = paragraph || LINES.has(tag);
  if (line) out.push(paragraph ? PARAGRAPH : LINE);
  if (tag === "li") out.push(listMarker(el));
  for (const child of el.children) walk(child, out, inPre || tag === "pre");
  if (line) out.push(paragraph ? PARAGRAPH : LINE);
}

function isDropped(el: HtmlElement, tag: string): boolean {
  if (DROPPED.has(tag)) return true;
  if (el.attrs.hidden != null || el.attrs["aria-hidden"] === "true") return true;
  const role = el.attrs.role;
  if (role != null && DROPPED_ROLES.has(role.toLowerCase())) return true;
  // a page-level <header> is the site banner; a <header> inside an article is its title
  if (tag === "header") {
    for (let p = el.parent; p != null; p = p.parent) {
      if (CONTENT_ANCESTORS.has(p.tag)) return false;
    }
    return true;
  }
  return false;
}

function listMarker(li: HtmlElement): string {
  const parent = li.parent;
  if (parent == null || parent.tag !== "ol") return "- ";
  const items = parent.children.filter((n) => n.kind === "element" && n.tag === "li");
  const start = Number.parseInt(parent.attrs.start ?? "1", 10);
  const n = (Number.isFinite(start) ? start : 1) + items.indexOf(li);
  return `${numberLabel(n, parent.attrs.type ?? "1")}. `;
}

/** An ordered-list number in the list's `type`: 1, a, A, i, I. */
function numberLabel(n: number, type: string): string {
  if ((type === "a" || type === "A") && n >= 1 && n <= 26) {
    const letter = String.fromCharCode(96 + n);
    return type === "A" ? letter.toUpperCase() : letter;
  }
  if ((type === "i" || type === "I") && n >= 1 && n < 40) {
    const roman =
      "x".repeat(Math.floor(n / 10)) + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][n % 10];
    return type === "I" ? roman.toUpperCase() : roman;
  }
  return String(n);
}

/**
 * One line per row (in document order, nested sections included), cells joined by ` | `. A cell
 * spanning rows or columns (rowspan/colspan) is repeated in every slot it covers, so each row
 * holds one cell per column and a column (one per support plan, say) reads straight down.
 */
function tableToText(table: HtmlElement): string {
  const rows: string[] = [];
  const caption = findFirst(table, "caption");
  if (caption) rows.push(inlineText(caption));
  /** Cells carried down from rows above: column → text and rows still to cover. */
  let carried = new Map<number, { text: string; rows: number }>();
  for (const tr of rowsOf(table)) {
    const cells: string[] = [];
    const next = new Map<number, { text: string; rows: number }>();
    const fillCarried = () => {
      for (let c = carried.get(cells.length); c; c = carried.get(cells.length)) {
        if (c.rows > 1) next.set(cells.length, { text: c.text, rows: c.rows - 1 });
        cells.push(c.text);
      }
    };
    for (const cell of elements(tr).filter((c) => c.tag === "td" || c.tag === "th")) {
      fillCarried();
      const text = inlineText(cell);
      const cols = span(cell.attrs.colspan, MAX_COLSPAN);
      const down = span(cell.attrs.rowspan, MAX_ROWSPAN);
      for (let k = 0; k < cols; k++) {
        if (down > 1) next.set(cells.length, { text, rows: down - 1 });
        cells.push(text);
      }
    }
    // cells carried down into columns after this row's own (an empty slot before them stays empty)
    const lastCarried = Math.max(-1, ...carried.keys());
    while (cells.length <= lastCarried) {
      if (carried.has(cells.length)) fillCarried();
      else cells.push("");
    }
    carried = next;
    if (cells.some((c) => c !== "")) rows.push(cells.join(" | "));
  }
  return rows.join("\n");
}

/** Spans beyond these are clipped: a table claiming colspan=10000 must not blow the text up. */
const MAX_COLSPAN = 50;
const MAX_ROWSPAN = 500;

function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

function elements(el: HtmlElement): HtmlElement[] {
  return el.children.filter((n): n is HtmlElement => n.kind === "element");
}

function findFirst(el: HtmlElement, tag: string): HtmlElement | null {
  for (const child of elements(el)) {
    if (child.tag === tag) return child;
    const found = findFirst(child, tag);
    if (found) return found;
  }
  return null;
}

function rowsOf(el: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  for (const c of elements(el)) {
    if (c.tag === "tr") rows.push(c);
    else if (c.tag === "thead" || c.tag === "tbody" || c.tag === "tfoot") rows.push(...rowsOf(c));
  }
  return rows;
}

/**
 * A cell's text on one line. Its lines (`<br>`, paragraphs, list items inside the cell) are
 * joined with "; " — "1 hour<br>24x7" is two facts, not "1 hour 24x7" — or a space after a
 * line that already ends in punctuation.
 */
function inlineText(el: HtmlElement): string {
  const out: string[] = [];
  walk(el, out, false);
  const lines = out
    .join("")
    .split(/[\n\ue000\ue001]+/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");
  let text = lines[0] ?? "";
  for (const line of lines.slice(1)) text += /[。；;.!?！？:：,，]$/.test(text) ? ` ${line}` : `; ${line}`;
  return text;
}

/** Resolve break markers, trim every line and keep at most one blank line between blocks. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]*(?:[\ue000\ue001][ \t]*)+/g, (run) => (run.includes(PARAGRAPH) ? "\n\n" : "\n"))
    .split("\n")
    .map((l) => l.replace(/^[ \t]+|[ \t]+$/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
