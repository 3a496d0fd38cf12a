import { zipSync } from "fflate";

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A minimal DOCX whose body is `paragraphs` one-word paragraphs (the shape of a paragraph bomb). */
export function tinyDocx(paragraphs: number, word = "uptime"): Uint8Array {
  return docxWithBody(`<w:p><w:r><w:t>${word}</w:t></w:r></w:p>`.repeat(paragraphs));
}

/** A minimal DOCX with the given WordprocessingML body (the `w:` namespace is declared). */
export function docxWithBody(body: string): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  const enc = new TextEncoder();
  return zipSync({
    "[Content_Types].xml": enc.encode(CONTENT_TYPES),
    "_rels/.rels": enc.encode(RELS),
    "word/document.xml": enc.encode(document),
  });
}

/** Rewrites the uncompressed size a zip declares for `entry` (local header and central directory): a lying header. */
export function declareSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const name = new TextEncoder().encode(entry);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const at = sig === 0x04034b50 ? 30 : sig === 0x02014b50 ? 46 : -1;
    if (at < 0) continue;
    const nameLength = view.getUint16(i + (sig === 0x04034b50 ? 26 : 28), true);
    if (nameLength !== name.length || !name.every((b, k) => out[i + at + k] === b)) continue;
    view.setUint32(i + (sig === 0x04034b50 ? 22 : 24), size, true);
  }
  return out;
}
