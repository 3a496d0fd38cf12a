import { InputError } from "../errors/index.js";

export type DocumentFormat = "txt" | "md" | "html" | "pdf" | "docx" | "eml";

const BY_EXTENSION: Record<string, DocumentFormat> = {
  txt: "txt",
  text: "txt",
  md: "md",
  markdown: "md",
  html: "html",
  htm: "html",
  xhtml: "html",
  pdf: "pdf",
  docx: "docx",
  eml: "eml",
};
/** Formats people try that Termsight cannot read, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  doc: "legacy Word .doc is not supported: save it as .docx",
  rtf: "RTF is not supported: save it as .docx or .txt",
  odt: "OpenDocument .odt is not supported: save it as .docx",
  pages: "Apple Pages files are not supported: export as .docx or .pdf",
};

/**
 * The format of a document: from the file extension when it names one, else sniffed from the
 * first bytes (`%PDF`, a ZIP holding `word/document.xml`, `<html` / `<!doctype`), else text.
 */
export function detectFormat(name: string, bytes: Uint8Array): DocumentFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const known = BY_EXTENSION[ext];
  if (known) return known;
  const unsupported = UNSUPPORTED[ext];
  if (unsupported) throw new InputError(name, unsupported);
  return sniffFormat(name, bytes);
}

export function sniffFormat(name: string, bytes: Uint8Array): DocumentFormat {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (head.startsWith("PK\u0003\u0004")) {
    if (containsAscii(bytes, "word/document.xml")) return "docx";
    throw new InputError(name, "not a text document (a ZIP archive that is not a DOCX)");
  }
  const start = head
    .replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, "")
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (
    start.startsWith("<!doctype html") ||
    start.startsWith("<html") ||
    /^<\?xml[^>]*>\s*<html/.test(start)
  ) {
    return "html";
  }
  return "txt";
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const codes = Array.from(needle, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i <= bytes.length - codes.length; i++) {
    for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
    return true;
  }
  return false;
}
