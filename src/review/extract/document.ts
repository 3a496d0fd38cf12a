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
  /** The sentence ending in a colon that introduces the list or table this segment belongs to. */
  lead: string;
  listItem: boolean;
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
const SEPARATOR_ROW = /^[\s|:：\-–—+=]+$/;
const LIST_ITEM =
  /^\s*(?:[-*+](?=\s)|[•·●▪◦■□]|\d{1,2}[.)、）](?!\d)|[（(](?:\d{1,2}|[a-zA-Z]|[ivx]{1,4}|[一二三四五六七八九十]{1,3})[)）]|[a-z][.)]\s)/;
const NUMBERED_HEADING =
  /^\s*(?:#{1,6}\s|第[一二三四五六七八九十百\d]{1,4}[条章节部分]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:\.\d{1,2}){0,3}[.、．]?\s*\S|[（(][一二三四五六七八九十\d]{1,3}[)）]|(?:section|article|part)\s+\d)/i;
const TERMINAL = /[。．.;；:：!！?？,，]\s*$/;
const MEASURE = /\d\s*(?:%|％|分钟|小时|天|日|min|hour|hr|day|ms)|[%％]/i;
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

/** Cells of a table-like line: `|` columns, tabs, or columns aligned with runs of spaces. */
function splitCells(text: string, start: number, end: number, spaced: boolean): Cell[] | null {
  const line = text.slice(start, end);
  let splitter: RegExp | null = null;
  if (/\|/.test(line) && (/\s\|\s|^\s*\||\|\s*$/.test(line) || (line.match(/\|/g)?.length ?? 0) >= 2))
    splitter = /\|/g;
  else if (/\t/.test(line)) splitter = /\t+/g;
  else if (spaced) splitter = / {2,}|\u3000+/g;
  if (!splitter) return null;
  const cells: Cell[] = [];
  let last = 0;
  for (const m of line.matchAll(splitter)) {
    const r = trimRange(text, start + last, start + (m.index ?? 0));
    if (r) cells.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end) });
    last = (m.index ?? 0) + m[0].length;
  }
  const r = trimRange(text, start + last, end);
  if (r) cells.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end) });
  return cells.length >= 2 ? cells : null;
}

function spacedColumns(line: string): number {
  if (!line.includes("  ") && !line.includes("\u3000")) return 1;
  if (line.length > 240 || /[。；]\s*$/.test(line)) return 0;
  return line.trim().split(/ {2,}|\u3000+/).length;
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

function isHeading(line: string): boolean {
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

/** True when the nearest non-empty line before (dir -1) or after (dir 1) is a list item. */
function listNeighbour(lines: { text: string }[], i: number, dir: -1 | 1): boolean {
  for (let j = i + dir; j >= 0 && j < lines.length; j += dir) {
    const t = (lines[j] as { text: string }).text;
    if (t.trim().length > 0) return LIST_ITEM.test(t);
  }
  return false;
}

/** Cuts the text into segments, finds tables, headings and lists, and classifies each segment. */
export function readDocument(text: string, lexicon: Lexicon): TermsDocument {
  const lineStarts = lineStartsOf(text);
  const lines = lineStarts.map((s, i) => {
    let e = i + 1 < lineStarts.length ? (lineStarts[i + 1] as number) - 1 : text.length;
    if (text[e - 1] === "\r") e--;
    return { start: s, end: e, text: text.slice(s, e) };
  });
  const spaced = lines.map((l) => spacedColumns(l.text));
  const segments: Segment[] = [];
  let section = "";
  let lead = "";
  let table: Table | null = null;
  let lastSentence = "";
  const push = (seg: Omit<Segment, "index" | "binding" | "line">) =>
    segments.push({
      index: segments.length,
      start: seg.start,
      end: seg.end,
      text: seg.text,
      line: lineAt(lineStarts, seg.start),
      kind: seg.kind,
      cells: seg.cells,
      table: seg.table,
      section: seg.section,
      lead: seg.lead,
      listItem: seg.listItem,
      binding: "binding",
    });

  lines.forEach((line, i) => {
    const trimmed = line.text.trim();
    if (trimmed.length === 0) {
      table = null;
      return;
    }
    if (SEPARATOR_ROW.test(trimmed) && /[-|]/.test(trimmed)) return;
    const neighbourSpaced = (spaced[i - 1] ?? 0) >= 2 || (spaced[i + 1] ?? 0) >= 2;
    const cells = splitCells(
      text,
      line.start,
      line.end,
      (spaced[i] ?? 0) >= 3 || ((spaced[i] ?? 0) >= 2 && neighbourSpaced),
    );
    if (cells) {
      if (!table) {
        const header = cells.some((c) => /\d/.test(c.text)) ? null : cells;
        table = { rows: [], header, context: `${section} ${lastSentence}` };
      }
      const r = trimRange(text, line.start, line.end);
      if (!r) return;
      push({
        start: r.start,
        end: r.end,
        text: text.slice(r.start, r.end),
        kind: "row",
        cells,
        table,
        section,
        lead,
        listItem: false,
      });
      table.rows.push(segments[segments.length - 1] as Segment);
      return;
    }
    table = null;
    const numbered = LIST_ITEM.test(line.text);
    const listItem =
      numbered && !(isHeading(line.text) && !listNeighbour(lines, i, -1) && !listNeighbour(lines, i, 1));
    if (!listItem && isHeading(line.text)) {
      const r = trimRange(text, line.start, line.end) as RawPiece;
      section = text.slice(r.start, r.end);
      lead = "";
      push({
        start: r.start,
        end: r.end,
        text: section,
        kind: "heading",
        cells: [],
        table: null,
        section,
        lead,
        listItem: false,
      });
      return;
    }
    if (!listItem) lead = "";
    for (const piece of splitSentences(text, line.start, line.end)) {
      const sentence = text.slice(piece.start, piece.end);
      if (!WORDY.test(sentence)) continue;
      push({
        start: piece.start,
        end: piece.end,
        text: sentence,
        kind: "sentence",
        cells: [],
        table: null,
        section,
        lead,
        listItem,
      });
      lastSentence = sentence;
    }
    if (/[:：]\s*$/.test(trimmed)) lead = trimmed;
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
