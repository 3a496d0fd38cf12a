import { type HeadingBlock, headingPaths, readBlocks, type TableRow } from "../../ingest/index.js";
import {
  type Binding,
  classifyRow,
  classifySentence,
  isCommentary,
  isCommentaryDocument,
} from "./binding.js";
import type { Lexicon } from "./lexicon.js";
import { lineAt, lineStartsOf } from "./span.js";

/** A table cell with its offsets in the document text. */
export interface Cell {
  start: number;
  end: number;
  text: string;
}

export interface Table {
  rows: Segment[];
  /** The first row when it names columns (no numbers in it); null otherwise. */
  header: Cell[] | null;
  /** The heading and the sentence that introduce the table. */
  context: string;
  /** Every heading the table sits under, outermost first. */
  headings: string[];
}

/** A sentence (or clause), a table row or a heading, with offsets into the document text. */
export interface Segment {
  index: number;
  start: number;
  end: number;
  text: string;
  line: number;
  kind: "sentence" | "row" | "heading";
  cells: Cell[];
  table: Table | null;
  /** The nearest heading above. */
  section: string;
  /** Every heading the segment sits under, outermost first (from the block model's heading levels). */
  headings: string[];
  /** The sentence ending in a colon that introduces the list or table this segment belongs to. */
  lead: string;
  listItem: boolean;
  /** Index of the block (src/ingest's document model) the segment was cut from. */
  block: number;
  /** For a list item: the block index of its list's first item (items of one list share it); -1 otherwise. */
  listStart: number;
  binding: Binding;
}

export interface TermsDocument {
  text: string;
  lineStarts: number[];
  segments: Segment[];
  commentary: boolean;
}

const MAX_SEGMENT = 400;
/** A piece with no letter or digit ("。", ". .", "——") carries nothing and is not a segment. */
const WORDY = /[\p{L}\p{N}]/u;
/** Shorter pieces (". . .", "a. b.") are not cut off on their own: they would flood the extractors. */
const MIN_SENTENCE = 4;
const ABBREVIATION =
  /(?:\b(?:e\.g|i\.e|etc|inc|ltd|co|no|vs|approx|min|hrs|sec|art|para|u\.s|mr|ms|dr|st)|\b[A-Z]|\d)$/i;

interface RawPiece {
  start: number;
  end: number;
}

function trimRange(text: string, start: number, end: number): RawPiece | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return e > s ? { start: s, end: e } : null;
}

/** Splits a prose line into sentences (and over-long sentences into clauses). */
const SENTENCE_END = /[。！？；!?;]|\.(?=\s)/g;
const CLAUSE_BREAK = /[，,、 ]/g;

/** Splits an over-long piece at clause breaks so no segment exceeds MAX_SEGMENT much. */
function splitLong(text: string, piece: RawPiece, out: RawPiece[]): void {
  let from = piece.start;
  while (piece.end - from > MAX_SEGMENT) {
    CLAUSE_BREAK.lastIndex = from + MAX_SEGMENT;
    const m = CLAUSE_BREAK.exec(text);
    if (!m || m.index >= piece.end) break;
    const r = trimRange(text, from, m.index + 1);
    if (r) out.push(r);
    from = m.index + 1;
  }
  const r = trimRange(text, from, piece.end);
  if (r) out.push(r);
}

/** Splits a prose line into sentences (and over-long sentences into clauses). */
function splitSentences(text: string, start: number, end: number): RawPiece[] {
  const out: RawPiece[] = [];
  let from = start;
  SENTENCE_END.lastIndex = start;
  for (let m = SENTENCE_END.exec(text); m && m.index < end; m = SENTENCE_END.exec(text)) {
    const i = m.index;
    if (i + 1 - from < MIN_SENTENCE) continue;
    if (m[0] === ".") {
      const before = text.slice(Math.max(from, i - 6), i);
      if (ABBREVIATION.test(before) || /^\s*\d{1,2}(?:\.\d{1,2})*\s*$/.test(text.slice(from, i))) continue;
    }
    splitLong(text, { start: from, end: i + 1 }, out);
    from = i + 1;
  }
  if (from < end) splitLong(text, { start: from, end }, out);
  return out;
}

/**
 * Reads the document through its block model (src/ingest): headings become the section of what
 * follows, table blocks become rows with cells, paragraphs and list items are cut into sentences
 * (line by line), and every segment is classified as binding or not.
 */
export function readDocument(text: string, lexicon: Lexicon): TermsDocument {
  const lineStarts = lineStartsOf(text);
  const blocks = readBlocks(text);
  const paths = headingPaths(blocks);
  const segments: Segment[] = [];
  let section = "";
  let lead = "";
  let lastSentence = "";
  let listStart = -1;
  let block = 0;
  let headings: string[] = [];
  // fields set one by one (no object spread): segments stay one hidden class, which keeps a
  // 1 MB document fast
  const push = (
    start: number,
    end: number,
    kind: Segment["kind"],
    cells: Cell[],
    table: Table | null,
    listItem: boolean,
  ): Segment => {
    const seg: Segment = {
      index: segments.length,
      start,
      end,
      text: text.slice(start, end),
      line: lineAt(lineStarts, start),
      kind,
      cells,
      table,
      section,
      headings,
      lead,
      listItem,
      block,
      listStart,
      binding: "binding",
    };
    segments.push(seg);
    return seg;
  };

  blocks.forEach((item, b) => {
    block = b;
    headings = (paths[b] as HeadingBlock[]).map((h) => h.text);
    // a list runs over consecutive list items (nested ones included); anything else ends it
    listStart = item.kind !== "list_item" || item.clause ? -1 : listStart < 0 ? b : listStart;
    if (item.kind === "table") {
      const first = item.rows[0] as TableRow;
      const header = first.cells.some((c) => /\d/.test(c.text)) ? null : first.cells;
      const table: Table = { rows: [], header, context: `${section} ${lastSentence}`, headings };
      for (const row of item.rows) table.rows.push(push(row.start, row.end, "row", row.cells, table, false));
      return;
    }
    if (item.kind === "heading") {
      section = item.text;
      lead = "";
      push(item.start, item.end, "heading", [], null, false);
      return;
    }
    // a numbered clause ("2.1 …", "第三条 …") is running text, not an item of a list
    const listItem = item.kind === "list_item" && !item.clause;
    // line by line: a list item's continuation lines and a paragraph's lines
    for (let from = item.start; from < item.end; ) {
      const nl = text.indexOf("\n", from);
      const lineEnd = nl === -1 || nl > item.end ? item.end : nl;
      if (!listItem) lead = "";
      for (const piece of splitSentences(text, from, lineEnd)) {
        const seg = push(piece.start, piece.end, "sentence", [], null, listItem);
        if (!WORDY.test(seg.text)) {
          segments.pop();
          continue;
        }
        lastSentence = seg.text;
      }
      const trimmed = text.slice(from, lineEnd).trim();
      if (/[:：]\s*$/.test(trimmed)) lead = trimmed;
      from = lineEnd + 1;
    }
  });

  const marks = segments.map((seg) => (seg.kind === "row" ? false : isCommentary(seg.text, lexicon)));
  const commentary =
    isBlogPost(text, lexicon) ||
    isCommentaryDocument(
      segments
        .filter((s) => s.kind === "sentence")
        .map((s) => ({ text: s.text, marked: marks[s.index] === true })),
      lexicon,
    );
  for (const seg of segments) {
    seg.binding =
      seg.kind === "row"
        ? classifyRow(seg.text, commentary, lexicon)
        : classifySentence(seg.text, commentary, lexicon, marks[seg.index]);
  }
  return { text, lineStarts, segments, commentary };
}

/** Segments that may carry a commitment. */
export function bindingSegments(doc: TermsDocument): Segment[] {
  return doc.segments.filter((s) => s.binding === "binding" && s.kind !== "heading");
}

const FRONT_MATTER_FENCE = /^(?:---|\+\+\+)\s*$/;

/** The document opens (within its first lines) with the front matter of a dated post. */
function isBlogPost(text: string, lexicon: Lexicon): boolean {
  const lines = text.slice(0, 4096).split("\n");
  const open = lines.slice(0, 6).findIndex((l) => FRONT_MATTER_FENCE.test(l));
  if (open < 0) return false;
  let dated = false;
  let post = false;
  for (const line of lines.slice(open + 1, open + 60)) {
    if (FRONT_MATTER_FENCE.test(line)) return dated && post;
    dated ||= lexicon.binding.post_date?.test(line) === true;
    post ||= lexicon.binding.post_marker?.test(line) === true;
  }
  return false;
}
