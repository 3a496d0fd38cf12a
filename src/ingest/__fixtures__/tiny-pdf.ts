/**
 * Builds a one-page PDF whose text layer is exactly `text` (BMP characters), through a
 * non-embedded Type0 font whose ToUnicode map gives each glyph its character. This is how a
 * PDF producer writes Kangxi radicals (U+2F47 ⽇) where the ideograph (日) is meant: the glyph
 * is right, the ToUnicode entry is the radical. No font file is needed to build or read it.
 * With `pages` > 1 the page tree lists that one page object `pages` times (/Count `pages`):
 * the shape of a page-count bomb, a few bytes per claimed page.
 */
export function tinyPdf(text: string, pages = 1): Uint8Array {
  const chars = [...text];
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  const cids = chars.map((_, i) => hex(i + 1)).join("");
  const bfchars = chars.map((c, i) => `<${hex(i + 1)}> <${hex(c.charCodeAt(0))}>`).join("\n");
  const content = `BT /F1 12 Tf 20 50 Td <${cids}> Tj ET`;
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    `${chars.length} beginbfchar`,
    bfchars,
    "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${"3 0 R ".repeat(pages)}] /Count ${pages} >>`,
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /TinyCJK /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TinyCJK /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /CIDToGIDMap /Identity /FontDescriptor 8 0 R >>",
    `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
    "<< /Type /FontDescriptor /FontName /TinyCJK /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
