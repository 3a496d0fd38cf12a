import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

/** Test helper: the text of a PDF (poppler's pdftotext, layout kept). */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "termsight-pdf-"));
  try {
    const file = join(dir, "r.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Test helper: renders one page to a grey PNG with pdftoppm and returns the share of its pixels
 * that are not white (0 = a blank page).
 */
export function inkedShare(pdf: Uint8Array, page = 1): number {
  const dir = mkdtempSync(join(tmpdir(), "termsight-pdf-"));
  try {
    const file = join(dir, "r.pdf");
    writeFileSync(file, pdf);
    const out = join(dir, "page");
    execFileSync("pdftoppm", [
      "-png",
      "-gray",
      "-r",
      "40",
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      file,
      out,
    ]);
    const { width, height, pixels } = decodeGrayPng(readFileSync(`${out}.png`));
    let inked = 0;
    for (const p of pixels) if (p < 200) inked++;
    return inked / (width * height);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An 8-bit PNG's pixels as grey levels (pdftoppm writes greyscale or RGB, never interlaced). */
function decodeGrayPng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  let off = 8;
  let width = 0;
  let height = 0;
  let bpp = 1;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString("latin1", off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const channels: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
      if (data[8] !== 8 || !(data[9] in channels)) throw new Error("expected an 8-bit grey or RGB PNG");
      bpp = channels[data[9]];
    } else if (type === "IDAT") idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const bytes = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? bytes[y * stride + x - bpp] : 0;
      const b = y > 0 ? bytes[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? bytes[(y - 1) * stride + x - bpp] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      bytes[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = bytes[i * bpp];
  return { width, height, pixels };
}
