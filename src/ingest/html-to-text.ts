import { type HTMLElement, type Node, NodeType, parse } from "node-html-parser";

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
  const source = html.replace(/<!doctype[^>]*>|<\?xml[^>]*\?>/gi, "");
  const root = parse(source, { comment: false, blockTextElements: { pre: true } });
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

function walk(node: Node, out: string[], inPre: boolean): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    const text = node.text.replace(/[\ue000\ue001]/g, "");
    out.push(inPre ? text : text.replace(/[\s\u00a0]+/g, " "));
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return; // comments
  const el = node as HTMLElement;
  const tag = (el.rawTagName ?? "").toLowerCase();
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
  for (const child of el.childNodes) walk(child, out, inPre || tag === "pre");
  if (line) out.push(paragraph ? PARAGRAPH : LINE);
}

function isDropped(el: HTMLElement, tag: string): boolean {
  if (DROPPED.has(tag)) return true;
  if (el.getAttribute?.("hidden") != null || el.getAttribute?.("aria-hidden") === "true") return true;
  const role = el.getAttribute?.("role");
  if (role != null && DROPPED_ROLES.has(role.toLowerCase())) return true;
  // a page-level <header> is the site banner; a <header> inside an article is its title
  if (tag === "header") {
    for (let p = el.parentNode; p != null; p = p.parentNode) {
      if (CONTENT_ANCESTORS.has((p.rawTagName ?? "").toLowerCase())) return false;
    }
    return true;
  }
  return false;
}

function listMarker(li: HTMLElement): string {
  const parent = li.parentNode;
  if (parent == null || (parent.rawTagName ?? "").toLowerCase() !== "ol") return "- ";
  const items = parent.childNodes.filter(
    (n) => n.nodeType === NodeType.ELEMENT_NODE && (n as HTMLElement).rawTagName?.toLowerCase() === "li",
  );
  const start = Number.parseInt(parent.getAttribute("start") ?? "1", 10);
  const n = (Number.isFinite(start) ? start : 1) + items.indexOf(li);
  return `${numberLabel(n, parent.getAttribute("type") ?? "1")}. `;
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

/** One line per row (in document order, nested sections included), cells joined by ` | `. */
function tableToText(table: HTMLElement): string {
  const rows: string[] = [];
  const caption = table.querySelector("caption");
  if (caption) rows.push(inlineText(caption));
  for (const tr of rowsOf(table)) {
    const cells = tr.childNodes
      .filter((n): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE)
      .filter((c) => ["td", "th"].includes(c.rawTagName?.toLowerCase() ?? ""))
      .map(inlineText);
    if (cells.some((c) => c !== "")) rows.push(cells.join(" | "));
  }
  return rows.join("\n");
}

function rowsOf(el: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of el.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const c = child as HTMLElement;
    const tag = c.rawTagName?.toLowerCase() ?? "";
    if (tag === "tr") rows.push(c);
    else if (tag === "thead" || tag === "tbody" || tag === "tfoot") rows.push(...rowsOf(c));
  }
  return rows;
}

/** A cell's text on one line: its blocks joined by spaces. */
function inlineText(el: HTMLElement): string {
  const out: string[] = [];
  walk(el, out, false);
  return out
    .join("")
    .replace(/[\s\ue000\ue001]+/g, " ")
    .trim();
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
