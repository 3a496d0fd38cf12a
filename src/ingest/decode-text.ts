import iconv from "iconv-lite";
import { InputError } from "../errors/index.js";

/** Text decoded from the bytes of a text format, and the encoding it was read with. */
export interface DecodedText {
  text: string;
  encoding: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes the bytes of a text document: a BOM (UTF-8, UTF-16 LE/BE) wins; else NUL bytes in
 * alternating positions mean BOM-less UTF-16; else valid UTF-8; else an encoding the document
 * declares (`<meta charset>`) when iconv knows it; else GB18030 (a superset of GBK and GB2312)
 * when the result looks like Chinese text; else Windows-1252 when that looks like text.
 * Anything else is binary content. The BOM is dropped and
 * CRLF/CR become LF.
 */
export function decodeText(bytes: Uint8Array, name: string, declared?: string | null): DecodedText {
  const decoded = decodeRaw(bytes, declared ?? null);
  if (decoded == null || !looksLikeText(decoded.text)) {
    throw new InputError(name, "not a text document (binary content)");
  }
  return { text: normalizeNewlines(decoded.text), encoding: decoded.encoding };
}

function decodeRaw(bytes: Uint8Array, declared: string | null): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }
  const utf16 = guessUtf16(bytes);
  if (utf16 != null) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16 };
  try {
    return { text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: try what the document declares, then GB18030
  }
  if (declared != null) {
    const enc = declared.toLowerCase();
    if (enc !== "utf-8" && enc !== "utf8" && iconv.encodingExists(enc)) {
      const text = iconv.decode(Buffer.from(bytes), enc);
      if (looksLikeText(text)) return { text, encoding: enc };
    }
  }
  const gb = iconv.decode(Buffer.from(bytes), "gb18030");
  if (looksLikeText(gb) && looksLikeChinese(gb)) return { text: gb, encoding: "gb18030" };
  const latin = iconv.decode(Buffer.from(bytes), "windows-1252");
  if (looksLikeText(latin)) return { text: latin, encoding: "windows-1252" };
  return null;
}

/**
 * BOM-less UTF-16: at least 40% of the even (BE) or odd (LE) bytes are NUL while the other
 * positions have almost none. ASCII-heavy UTF-16 text has NULs on one side; CJK-only UTF-16
 * text has few NULs and falls through to the UTF-8 check, which it fails, so the decoded
 * result must also look like text.
 */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs >= 0.4 && evenNul / pairs <= 0.05) return "utf-16le";
  if (evenNul / pairs >= 0.4 && oddNul / pairs <= 0.05) return "utf-16be";
  return null;
}

/**
 * Text has few control characters (other than tab, newline, carriage return, form feed) and
 * few U+FFFD replacement characters: together at most 2% of the characters, and no NUL run.
 */
export function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / text.length <= 0.02;
}

/**
 * A GB18030 reading is right when its non-ASCII characters are mostly CJK ideographs and CJK
 * punctuation (at least 60%) and it has almost no replacement characters (at most 0.5%): a
 * Latin-1 file read as GB18030 gives odd symbols and replacement characters instead.
 */
function looksLikeChinese(text: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  let replacement = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replacement++;
    else if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(ch)) cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii >= 0.6 && replacement / text.length <= 0.005;
}

export function normalizeNewlines(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.replace(/\r\n?/g, "\n");
}
