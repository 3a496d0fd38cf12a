import { getDocumentProxy } from "unpdf";
import { InputError } from "../errors/index.js";
import { DOCUMENT_LIMITS, type DocumentLimits, tooMuchText } from "./limits.js";
import {
  dropPageFurniture,
  fixCjkRadicals,
  joinWrappedLines,
  layoutLines,
  type PdfLine,
  type PdfTextPiece,
} from "./pdf-lines.js";

/** Parsing a PDF gives up after this long (a corrupt file must never hang the process). */
export const PDF_TIMEOUT_MS = 30_000;

export const NO_TEXT_LAYER = "no text layer — scanned PDF? OCR is not supported";
export const ENCRYPTED_PDF = "encrypted PDF: remove the password first";

interface PdfTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/**
 * The text of a PDF: lines rebuilt from positioned text (table rows with cells joined by
 * ` | `), page numbers and running headers/footers removed, lines wrapped mid-sentence joined
 * (across a page break too), Kangxi radicals mapped back to ideographs.
 * Errors: encrypted, corrupt, no text layer (scanned), parsing that takes too long.
 */
export async function pdfToText(
  bytes: Uint8Array,
  name: string,
  timeoutMs = PDF_TIMEOUT_MS,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InputError(name, `corrupt PDF: parsing took longer than ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    const text = await Promise.race([extract(bytes, name, limits), timeout]);
    const clean = fixCjkRadicals(text).trim();
    if (clean === "") throw new InputError(name, NO_TEXT_LAYER);
    return clean;
  } finally {
    clearTimeout(timer);
  }
}

async function extract(bytes: Uint8Array, name: string, limits: DocumentLimits): Promise<string> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer: give it a copy
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (err) {
    throw pdfError(err, name);
  }
  try {
    // the page count is the page tree's /Count, read before any page is: a claim of 300,000
    // pages is refused here instead of walked
    if (pdf.numPages > limits.pdfPages) {
      throw new InputError(name, `PDF has ${pdf.numPages} pages; at most ${limits.pdfPages} are read`);
    }
    const pages: PdfLine[][] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const lines = layoutLines((content.items as PdfTextItem[]).map(toPiece));
      for (const line of lines) chars += line.text.length;
      if (chars > limits.textChars) throw tooMuchText(name, limits.textChars);
      pages.push(lines);
    }
    return joinWrappedLines(dropPageFurniture(pages));
  } catch (err) {
    throw pdfError(err, name);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function toPiece(item: PdfTextItem): PdfTextPiece {
  const t = item.transform ?? [1, 0, 0, 1, 0, 0];
  const fontSize = Math.hypot(t[2] ?? 0, t[3] ?? 0) || item.height || 1;
  return { str: item.str ?? "", x: t[4] ?? 0, y: t[5] ?? 0, width: item.width ?? 0, fontSize };
}

function pdfError(err: unknown, name: string): InputError {
  if (err instanceof InputError) return err;
  const kind = (err as { name?: string } | null)?.name;
  if (kind === "PasswordException") return new InputError(name, ENCRYPTED_PDF, null, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new InputError(name, `corrupt PDF: ${firstLine(message).toLowerCase()}`, null, { cause: err });
}

function firstLine(message: string): string {
  const line = message.split("\n")[0].trim() || "unreadable";
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}
