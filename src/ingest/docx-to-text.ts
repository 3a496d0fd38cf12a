import mammoth from "mammoth";
import { InputError } from "../errors/index.js";
import { htmlToText } from "./html-to-text.js";
import { DOCUMENT_LIMITS, type DocumentLimits } from "./limits.js";
import { inflateEntry, readZipDirectory, type ZipEntry } from "./zip-directory.js";

/** The parts the DOCX reader inflates: XML and relationships (images and other binaries are never read). */
const READ_PART = /\.(xml|rels)$/i;

/** DOCX → HTML (mammoth) → text, so tables come out as rows with ` | ` between cells. */
export async function docxToText(
  bytes: Uint8Array,
  name: string,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<string> {
  checkDocxSize(bytes, name, limits);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      // images are not text: never inflated (mammoth would inline each as a data: URL)
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    html = result.value;
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new InputError(name, `corrupt DOCX: ${message.toLowerCase() || "unreadable"}`, null, {
      cause: err,
    });
  }
  return htmlToText(html);
}

/**
 * A DOCX's size from its zip directory, before the reader inflates anything: the XML parts may
 * declare at most `docxXmlBytes` together, and each is checked (inflated and counted, not kept)
 * to be no larger than it declares, so the reader never inflates more than that.
 */
export function checkDocxSize(bytes: Uint8Array, name: string, limits: DocumentLimits): void {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, name, limits.zipEntries);
  } catch (err) {
    throw asCorruptDocx(err, name);
  }
  const parts = entries.filter((e) => READ_PART.test(e.name));
  const declared = parts.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.docxXmlBytes) {
    throw new InputError(
      name,
      `DOCX expands to ${mb(declared)} MB of XML; at most ${mb(limits.docxXmlBytes)} MB are read`,
    );
  }
  try {
    for (const part of parts) inflateEntry(bytes, part, name, part.uncompressedSize, false);
  } catch (err) {
    throw asCorruptDocx(err, name);
  }
}

function asCorruptDocx(err: unknown, name: string): unknown {
  if (!(err instanceof InputError) || !err.reason.startsWith("corrupt zip")) return err;
  return new InputError(name, `corrupt DOCX: ${err.reason}`, null, { cause: err });
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0);
}
