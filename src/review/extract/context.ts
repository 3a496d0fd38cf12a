import type { Span } from "../../terms/index.js";
import type { Cell, Segment, TermsDocument } from "./document.js";
import { lex } from "./lexicon.js";
import { makeSpan } from "./span.js";

/** What every topic extractor gets: the read document and span helpers. */
export interface ExtractContext {
  doc: TermsDocument;
  /** Segments that may carry a commitment (binding, not headings). */
  binding: Segment[];
  span(start: number, end: number): Span;
  spanOf(seg: Segment | Cell): Span;
}

/**
 * `original` is the document as given; `doc` may have been read from a reading text of the same
 * length (zh-Hant read as zh-Hans), so a span's words are always cut from `original`.
 */
export function makeContext(doc: TermsDocument, binding: Segment[], original = doc.text): ExtractContext {
  if (original.length !== doc.text.length) throw new Error("reading text and document differ in length");
  const span = (start: number, end: number) => makeSpan(original, doc.lineStarts, start, end);
  return { doc, binding, span, spanOf: (seg) => span(seg.start, seg.end) };
}

/** True when the named lexicon pattern matches the text. */
export function has(name: string, text: string): boolean {
  return lex(name).test(text);
}

const contextMemo2 = new Map<string, Map<string, boolean>>();

/** Forgets memoised context matches; called at the start of every extraction. */
export function resetContextMemo(): void {
  contextMemo2.clear();
}

/**
 * `has` for headings, list leads and table context: the same few strings are asked about for
 * many segments, so their answers are memoised (per extraction).
 */
export function hasIn(name: string, text: string): boolean {
  let byText = contextMemo2.get(name);
  if (!byText) {
    byText = new Map();
    contextMemo2.set(name, byText);
  }
  let hit = byText.get(text);
  if (hit === undefined) {
    hit = lex(name).test(text);
    byText.set(text, hit);
  }
  return hit;
}

const globalCache = new Map<string, RegExp>();

/** Start offset of the last match of a lexicon pattern in the text, or -1. */
export function lastIndexOfLex(name: string, text: string): number {
  let re = globalCache.get(name);
  if (!re) {
    re = new RegExp(lex(name).source, "gi");
    globalCache.set(name, re);
  }
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index ?? last;
  return last;
}

/** Start offset of the first match of a lexicon pattern, or -1. */
export function indexOfLex(name: string, text: string): number {
  const m = lex(name).exec(text);
  return m ? m.index : -1;
}

const contextMemo = new WeakMap<Segment, string>();

/** The text a segment is read with: its own words plus the heading, list lead and table context. */
export function contextText(seg: Segment): string {
  let text = contextMemo.get(seg);
  if (text === undefined) {
    text = `${seg.section} ${seg.lead} ${seg.table?.context ?? ""} ${seg.table?.header?.map((c) => c.text).join(" ") ?? ""}`;
    contextMemo.set(seg, text);
  }
  return text;
}
