import { InputError } from "../errors/index.js";

/**
 * What a document may hold, checked from its own headers before anything is inflated or laid
 * out. A real SLA or support document is far below each (hundreds of pages, a few MB of text);
 * a crafted one that claims or expands past them is refused with one line naming the file.
 */
export interface DocumentLimits {
  /** Pages of a PDF (the page tree's /Count). */
  pdfPages: number;
  /** Entries in a DOCX's zip directory. */
  zipEntries: number;
  /** Bytes of XML a DOCX may inflate to (the parts the reader reads; images are never read). */
  docxXmlBytes: number;
  /** Characters of extracted text. */
  textChars: number;
}

export const DOCUMENT_LIMITS: DocumentLimits = {
  pdfPages: 2_000,
  zipEntries: 10_000,
  docxXmlBytes: 64 * 1024 * 1024,
  textChars: 8_000_000,
};

export function tooMuchText(name: string, maxChars: number): InputError {
  return new InputError(
    name,
    `more than ${maxChars.toLocaleString("en")} characters of text; a longer document is not read`,
  );
}
