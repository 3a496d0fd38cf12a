import mammoth from "mammoth";
import { InputError } from "../errors/index.js";
import { htmlToText } from "./html-to-text.js";

/** DOCX → HTML (mammoth) → text, so tables come out as rows with ` | ` between cells. */
export async function docxToText(bytes: Uint8Array, name: string): Promise<string> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new InputError(name, `corrupt DOCX: ${message.toLowerCase() || "unreadable"}`, null, {
      cause: err,
    });
  }
  return htmlToText(html);
}
