import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TermsightError } from "../errors/index.js";
import { tinyPdf } from "./__fixtures__/tiny-pdf.js";
import { ingestBytes, readBlocks } from "./index.js";

/**
 * Random bytes and truncated documents must end in a document or a TermsightError
 * (InputError / TooLargeError): never another exception, never a hang (the test timeout). A
 * document's block model cuts its text exactly: every block, marker, row and cell is the slice
 * of the text at its offsets, and blocks come in order without overlapping.
 */
async function outcome(bytes: Uint8Array, name: string): Promise<"ok" | "input-error"> {
  let text: string;
  try {
    text = (await ingestBytes(bytes, { name })).text;
  } catch (err) {
    if (err instanceof TermsightError && err.code !== "INTERNAL") return "input-error";
    throw new Error(`${name} (${bytes.length} bytes) threw ${String(err)}`);
  }
  let last = 0;
  for (const block of readBlocks(text)) {
    const parts = [
      block,
      ...(block.kind === "list_item" ? [block.marker] : []),
      ...(block.kind === "table" ? block.rows.flatMap((r) => [r, ...r.cells]) : []),
    ];
    for (const p of parts)
      if (text.slice(p.start, p.end) !== p.text) throw new Error(`${name}: block text is not its slice`);
    if (block.start < last) throw new Error(`${name}: blocks overlap or are out of order`);
    last = block.end;
  }
  return "ok";
}

const examplesDir = new URL("../../examples/", import.meta.url);
const fixturesDir = new URL("./__fixtures__/", import.meta.url);
const samples: { name: string; bytes: Uint8Array }[] = [
  ...readdirSync(examplesDir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ name: e.name, bytes: new Uint8Array(readFileSync(new URL(e.name, examplesDir))) })),
  ...readdirSync(fixturesDir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(new URL(f, fixturesDir))) })),
  { name: "kangxi.pdf", bytes: tinyPdf("服务⽇志按⽉提供。") },
];
const NAMES = ["x.txt", "x.md", "x.html", "x.pdf", "x.docx", "x.eml", "upload"];

describe("ingest fuzz", () => {
  it("random bytes under every format name", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...NAMES), async (bytes, name) => {
        await outcome(bytes, name);
      }),
      { numRuns: 400 },
    );
  });

  it("random bytes behind a format's magic number", async () => {
    const magic = {
      "x.pdf": "%PDF-1.7\n",
      "x.docx": "PK\u0003\u0004word/document.xml",
      "x.html": "<!doctype html>",
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(magic) as (keyof typeof magic)[])),
        fc.uint8Array({ maxLength: 4096 }),
        async (name, tail) => {
          const bytes = new Uint8Array([...new TextEncoder().encode(magic[name]), ...tail]);
          await outcome(bytes, name);
          await outcome(bytes, "upload");
        },
      ),
      { numRuns: 100 },
    );
  });

  it(`truncated and bit-flipped copies of ${samples.length} examples and fixtures`, async () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.nat(), { nil: undefined }),
        async (sample, cut, flip) => {
          const bytes = sample.bytes.slice(0, Math.floor(sample.bytes.length * cut));
          if (flip !== undefined && bytes.length > 0) bytes[flip % bytes.length] ^= 0xff;
          await outcome(bytes, sample.name);
        },
      ),
      { numRuns: 300 },
    );
  });
});
