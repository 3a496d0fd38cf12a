/**
 * A verb's result that is a file rather than JSON (a PDF, a zip, a YAML or Atom document): the
 * faces send its bytes as they are, with its content type, and with a name as a download.
 */
export class FileResult {
  constructor(
    readonly bytes: Uint8Array,
    readonly contentType: string,
    /** A download name (HTTP: `Content-Disposition: attachment`); null shows the file inline. */
    readonly fileName: string | null = null,
  ) {}

  /** A text document (UTF-8). */
  static text(text: string, contentType: string, fileName: string | null = null): FileResult {
    return new FileResult(new TextEncoder().encode(text), contentType, fileName);
  }
}
