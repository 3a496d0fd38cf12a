import { readFileSync } from "node:fs";
import { InputError } from "../../errors/index.js";

/**
 * Traditional Chinese (zh-Hant) read through the Simplified lexicon: every Traditional character
 * with a one-to-one Simplified form (data/review/zh-hant-to-hans.tsv) is replaced by it, one UTF-16
 * code unit by one, so an offset into the reading text is the same offset into the document.
 * Spans and quoted words are always cut from the document itself, never from the reading text.
 */

const TABLE_URL = new URL("../../../data/review/zh-hant-to-hans.tsv", import.meta.url);

interface HantTable {
  /** Simplified code unit per Traditional code unit; 0 where the character stays. */
  toHans: Uint16Array;
  /** 1 for characters that are Traditional only (a key of the table that is nobody's Simplified form). */
  traditionalOnly: Uint8Array;
}

let table: HantTable | null = null;

/** Parses the table file: `traditional<TAB>simplified` per line, `#` comments. */
export function parseHantTable(source: string): HantTable {
  const toHans = new Uint16Array(0x10000);
  const pairs: Array<[number, number]> = [];
  source.split("\n").forEach((line, i) => {
    if (line === "" || line.startsWith("#")) return;
    const [from, to] = line.split("\t");
    if (from?.length !== 1 || to?.length !== 1)
      throw new InputError(
        "zh-hant-to-hans.tsv",
        `line ${i + 1}: expected one character, a tab, one character`,
      );
    pairs.push([from.charCodeAt(0), to.charCodeAt(0)]);
  });
  const simplified = new Uint8Array(0x10000);
  for (const [from, to] of pairs) {
    toHans[from] = to;
    simplified[to] = 1;
  }
  const traditionalOnly = new Uint8Array(0x10000);
  for (const [from] of pairs) if (!simplified[from]) traditionalOnly[from] = 1;
  return { toHans, traditionalOnly };
}

function hantTable(): HantTable {
  table ??= parseHantTable(readFileSync(TABLE_URL, "utf8"));
  return table;
}

/** True when the text holds a character only Traditional Chinese writes (響, 鐘, 單 …). */
export function hasTraditional(text: string): boolean {
  const { traditionalOnly } = hantTable();
  for (let i = 0; i < text.length; i++) if (traditionalOnly[text.charCodeAt(i)]) return true;
  return false;
}

/** The text with every mapped Traditional character replaced by its Simplified form; same length. */
export function toSimplifiedChars(text: string): string {
  const { toHans } = hantTable();
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units[i] = toHans[c] || c;
  }
  let out = "";
  // fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.subarray(i, i + 4096));
  return out;
}

/**
 * The text the extractor reads: the Simplified reading of a Traditional text, else the text itself
 * (Simplified and English texts are not copied).
 */
export function readingText(text: string): string {
  return hasTraditional(text) ? toSimplifiedChars(text) : text;
}

/**
 * A word the extractor took from the reading text (a severity label, a maintenance window), in the
 * document's own characters. The word is found again, character by character in order, inside the
 * spans it came from (`regions`, offsets shared by both texts); a character not found there takes
 * the Traditional form the document writes it in elsewhere, or stays as it is.
 */
export function originalWording(
  word: string,
  reading: string,
  original: string,
  regions: ReadonlyArray<{ start: number; end: number }>,
): string {
  if (reading === original) return word;
  const chars = [...word];
  let best: Array<string | null> = chars.map(() => null);
  let bestFound = -1;
  for (const { start, end } of regions) {
    let at = start;
    const out = chars.map((ch) => {
      const i = ch.length === 1 ? indexWithin(reading, ch.charCodeAt(0), at, end) : -1;
      if (i === -1) return null;
      at = i + 1;
      return original[i] as string;
    });
    const found = out.filter((c) => c !== null).length;
    if (found > bestFound) {
      best = out;
      bestFound = found;
    }
    if (found === chars.length) break;
  }
  return chars.map((ch, k) => best[k] ?? documentForm(ch, reading, original)).join("");
}

/** Offset of a code unit in text[from, to), or -1. */
function indexWithin(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** The Traditional form the document writes a Simplified character in, or the character itself. */
function documentForm(ch: string, reading: string, original: string): string {
  if (ch.length !== 1) return ch;
  const { toHans } = hantTable();
  const code = ch.charCodeAt(0);
  for (let i = reading.indexOf(ch); i !== -1; i = reading.indexOf(ch, i + 1)) {
    const o = original.charCodeAt(i);
    if (o !== code && toHans[o] === code) return original[i] as string;
  }
  return ch;
}
