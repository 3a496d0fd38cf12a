import PDFDocument from "pdfkit";

/** A PDF whose text layer holds `text` (pdfkit, standard font), for the fixture site. */
export function fixturePdf(text: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", compress: false, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.font("Helvetica").fontSize(10);
    for (const p of text.split("\n\n")) doc.text(p).moveDown();
    doc.end();
  });
}
