import { Tokenizer } from "htmlparser2";

/**
 * A light HTML tree built from htmlparser2's tokenizer, in time linear in the input. Parsers that
 * keep every unclosed tag open (node-html-parser, htmlparser2's own Parser, which `unshift`s its
 * stack) are quadratic on `<b><b><b>…`; here elements nest at most MAX_HTML_DEPTH deep (deeper
 * tags are flattened into their ancestor), so every stack search is bounded.
 */
export const MAX_HTML_DEPTH = 256;

export interface HtmlText {
  kind: "text";
  text: string;
}
export interface HtmlElement {
  kind: "element";
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
export type HtmlNode = HtmlText | HtmlElement;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const P = ["p"];
const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p"];
const FORM = ["input", "option", "optgroup", "select", "button", "datalist", "textarea"];
/** Opening the key closes the open element on top while it is one of these (htmlparser2's table). */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th", "td"])],
  ["td", new Set(["th", "td"])],
  ["a", new Set(["a"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["tbody", new Set(["thead", "tbody", "tr", "td", "th"])],
  ["tfoot", new Set(["thead", "tbody", "tr", "td", "th"])],
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => [h, new Set(HEADINGS)] as [string, Set<string>]),
  ...["select", "input", "button", "datalist", "textarea"].map(
    (t) => [t, new Set(FORM)] as [string, Set<string>],
  ),
  ...[
    "p",
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "table",
    "ul",
  ].map((t) => [t, new Set(P)] as [string, Set<string>]),
]);

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: "element", tag: "", attrs: {}, children: [], parent: null };
  const stack: HtmlElement[] = [root];
  /** Opened tags not nested because the tree was already MAX_HTML_DEPTH deep. */
  let flattened = 0;
  let pending: HtmlElement | null = null;
  let attrName = "";
  let attrValue = "";
  let text: string[] = [];

  const top = () => stack[stack.length - 1];
  const flushText = () => {
    if (text.length === 0) return;
    top().children.push({ kind: "text", text: text.join("") });
    text = [];
  };
  const open = (el: HtmlElement) => {
    // too deep: the tag is dropped and its text stays in the open element (no node, no split)
    if (stack.length > MAX_HTML_DEPTH && !VOID.has(el.tag)) {
      flattened++;
      return;
    }
    flushText();
    const closes = OPEN_IMPLIES_CLOSE.get(el.tag);
    while (closes && stack.length > 1 && closes.has(top().tag)) stack.pop();
    el.parent = top();
    top().children.push(el);
    if (!VOID.has(el.tag)) stack.push(el);
  };
  const close = (tag: string) => {
    if (flattened > 0 && !VOID.has(tag)) {
      flattened--;
      return;
    }
    flushText();
    if (VOID.has(tag)) {
      if (tag === "br") top().children.push({ kind: "element", tag, attrs: {}, children: [], parent: top() });
      return;
    }
    for (let i = stack.length - 1; i > 0; i--) {
      if (stack[i].tag === tag) {
        stack.length = i;
        return;
      }
    }
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext(start, end) {
        text.push(html.slice(start, end));
      },
      ontextentity(cp) {
        text.push(String.fromCodePoint(cp));
      },
      onopentagname(start, end) {
        pending = {
          kind: "element",
          tag: html.slice(start, end).toLowerCase(),
          attrs: {},
          children: [],
          parent: null,
        };
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = "";
      },
      onattribdata(start, end) {
        attrValue += html.slice(start, end);
      },
      onattribentity(cp) {
        attrValue += String.fromCodePoint(cp);
      },
      onattribend() {
        if (pending && !Object.hasOwn(pending.attrs, attrName)) pending.attrs[attrName] = attrValue;
        attrValue = "";
      },
      onopentagend() {
        if (pending) open(pending);
        pending = null;
      },
      onselfclosingtag() {
        if (pending) open(pending);
        pending = null;
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      oncdata() {},
      oncomment() {
        flushText();
      },
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {
        flushText();
      },
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return root;
}
