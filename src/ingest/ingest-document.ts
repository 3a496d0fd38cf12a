import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { InputError, TermsightError, TooLargeError } from "../errors/index.js";
import { decodeText } from "./decode-text.js";
import { type DocumentFormat, detectFormat } from "./detect-format.js";
import { detectLanguage } from "./detect-language.js";
import { declaredCharset, htmlToText } from "./html-to-text.js";
import { DOCUMENT_LIMITS, type DocumentLimits, tooMuchText } from "./limits.js";

export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface IngestedDocument {
  name: string;
  format: DocumentFormat;
  text: string;
  language: "zh" | "en" | "mixed";
  /** Of the original bytes. */
  sha256: string;
  /** Size of the original. */
  bytes: number;
  /** Detected text encoding (utf-8, utf-16le, gb18030…) for text formats; null for PDF/DOCX/email. */
  encoding: string | null;
}

export interface IngestOptions {
  name: string;
  format?: DocumentFormat;
  maxBytes?: number;
  /** Default DOCUMENT_LIMITS (tests lower them). */
  limits?: Partial<DocumentLimits>;
}

/**
 * Bytes → document text. Errors are `InputError(name, reason)` (empty, binary, no text layer,
 * encrypted, corrupt) or `TooLargeError`; anything unexpected from a parser becomes a
 * "corrupt <FORMAT>" InputError, never a crash.
 */
export async function ingestBytes(bytes: Uint8Array, opts: IngestOptions): Promise<IngestedDocument> {
  const { name } = opts;
  const maxBytes = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (bytes.length > maxBytes) throw new TooLargeError(name, maxBytes);
  if (bytes.length === 0) throw new InputError(name, "no text: the file is empty");
  const format = opts.format ?? detectFormat(name, bytes);
  const limits = { ...DOCUMENT_LIMITS, ...opts.limits };
  // a character is at most 4 bytes: text this long is refused before it is decoded
  if ((format === "txt" || format === "md") && bytes.length > 4 * limits.textChars) {
    throw tooMuchText(name, limits.textChars);
  }
  let extracted: { text: string; encoding: string | null };
  try {
    extracted = await extractText(bytes, name, format, limits);
  } catch (err) {
    if (err instanceof TermsightError) throw err;
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new InputError(name, `corrupt ${format.toUpperCase()}: ${message.toLowerCase()}`, null, {
      cause: err,
    });
  }
  const { text, encoding } = extracted;
  if (text.length > limits.textChars) throw tooMuchText(name, limits.textChars);
  if (text.trim() === "") {
    const empty = format === "txt" || format === "md" ? "the file is empty" : "the document contains no text";
    throw new InputError(name, `no text: ${empty}`);
  }
  return {
    name,
    format,
    text,
    language: detectLanguage(text),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes: bytes.length,
    encoding,
  };
}

async function extractText(
  bytes: Uint8Array,
  name: string,
  format: DocumentFormat,
  limits: DocumentLimits,
): Promise<{ text: string; encoding: string | null }> {
  switch (format) {
    case "txt":
    case "md":
      return decodeText(bytes, name);
    case "html": {
      const decoded = decodeText(bytes, name, declaredCharset(bytes));
      return { text: htmlToText(decoded.text), encoding: decoded.encoding };
    }
    case "pdf": {
      // the PDF, DOCX and email parsers load only for their format: most reads are text
      const { pdfToText } = await import("./pdf-to-text.js");
      return { text: await pdfToText(bytes, name, undefined, limits), encoding: null };
    }
    case "docx": {
      const { docxToText } = await import("./docx-to-text.js");
      return { text: await docxToText(bytes, name, limits), encoding: null };
    }
    case "eml": {
      const { emlToText } = await import("./email-message.js");
      return { text: await emlToText(bytes, name), encoding: null };
    }
  }
}

/**
 * Reads and ingests a file (`-` = standard input). The size is checked before reading: a
 * regular file from `stat`, a pipe or device while streaming. `ingest` replaces `ingestBytes`
 * (the CLI passes the sandbox's, which parses on a worker thread).
 */
export async function ingestFile(
  path: string,
  opts: { maxBytes?: number; ingest?: typeof ingestBytes } = {},
): Promise<IngestedDocument> {
  const maxBytes = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const ingest = opts.ingest ?? ingestBytes;
  if (path === "-") {
    const bytes = await readLimited(process.stdin, "stdin", maxBytes);
    return ingest(bytes, { name: "stdin", maxBytes });
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw new InputError(path, `cannot read: ${fsReason(err)}`, null, { cause: err });
  }
  if (info.isDirectory()) throw new InputError(path, "cannot read: is a directory, not a file");
  if (info.isFile() && info.size > maxBytes) throw new TooLargeError(path, maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(createReadStream(path), path, maxBytes);
  } catch (err) {
    if (err instanceof TermsightError) throw err;
    throw new InputError(path, `cannot read: ${fsReason(err)}`, null, { cause: err });
  }
  const doc = await ingest(bytes, { name: path, maxBytes });
  return { ...doc, name: basename(path) };
}

async function readLimited(stream: Readable, name: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new TooLargeError(name, maxBytes);
    }
    chunks.push(buf);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function fsReason(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    default:
      return (code ?? "unreadable").toLowerCase();
  }
}
