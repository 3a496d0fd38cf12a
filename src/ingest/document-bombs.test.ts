import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { declareSize, tinyDocx } from "./__fixtures__/tiny-docx.js";
import { tinyPdf } from "./__fixtures__/tiny-pdf.js";
import { ingestBytes } from "./ingest-document.js";

/** Each hostile file is refused from its headers; before the checks each was read in full (seconds to minutes). */
async function refusal(bytes: Uint8Array, name: string, limits = {}): Promise<InputError> {
  const err = await ingestBytes(bytes, { name, limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).source).toBe(name);
  return err as InputError;
}

describe("documents refused from their own headers", () => {
  it("a PDF whose page tree claims more pages than the limit (one page listed 3,000 times)", async () => {
    await refusal(tinyPdf("Uptime 99.9%", 3_000), "pages.pdf");
  });

  it("reads a PDF at the page limit", async () => {
    const doc = await ingestBytes(tinyPdf("Uptime 99.9%", 3), { name: "ok.pdf", limits: { pdfPages: 3 } });
    expect(doc.text).toContain("Uptime 99.9%");
  });

  it("a DOCX whose XML declares more than the limit (tiny paragraphs)", async () => {
    const docx = tinyDocx(100_000); // 3.8 MB of XML, 30 KB zipped
    await refusal(docx, "paragraphs.docx", { docxXmlBytes: 1024 * 1024 });
  });

  it("a DOCX whose XML inflates past the size its zip directory declares", async () => {
    const bomb = declareSize(tinyDocx(100_000), "word/document.xml", 1_000);
    const err = await refusal(bomb, "bomb.docx");
    expect(err.reason).toContain("word/document.xml");
  });

  it("a DOCX with more zip entries than the limit", async () => {
    await refusal(tinyDocx(10), "entries.docx", { zipEntries: 2 });
  });

  it("reads a DOCX within the limits", async () => {
    const doc = await ingestBytes(tinyDocx(1_000), {
      name: "ok.docx",
      limits: { docxXmlBytes: 1024 * 1024 },
    });
    expect(doc.text.split("\n").filter((l) => l === "uptime")).toHaveLength(1_000);
  });

  it("a text longer than the character limit", async () => {
    const text = new TextEncoder().encode("Support responds within one hour. ".repeat(100));
    await refusal(text, "long.txt", { textChars: 1_000 });
  });
});
