import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { docxWithBody } from "./__fixtures__/tiny-docx.js";
import { docxToText } from "./docx-to-text.js";

const example = new Uint8Array(
  readFileSync(new URL("../../examples/kestrel-speech-support-en.docx", import.meta.url)),
);

describe("docxToText", () => {
  it("keeps the severity table as rows with cells joined by |", async () => {
    const lines = (await docxToText(example, "policy.docx")).split("\n");
    expect(lines).toContain("Severity | Definition | Initial response | Coverage");
    expect(lines).toContain(
      "Sev 1 | Production service down or unusable for all users; no workaround | Within one (1) hour | 24x7",
    );
    expect(lines).toContain(
      "Sev 3 | Partial, non-critical loss of functionality; workaround available | Next business day | Business hours",
    );
  });

  it("keeps headings and paragraphs as their own lines", async () => {
    const lines = (await docxToText(example, "policy.docx")).split("\n");
    expect(lines).toContain("5. Customer data after termination");
    expect(lines.some((l) => l.startsWith("After termination the customer may export its data"))).toBe(true);
  });

  it("repeats merged cells in every slot they cover and keeps a line break inside a cell apart", async () => {
    const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const cell = (inner: string, props = "") => `<w:tc><w:tcPr>${props}</w:tcPr>${inner}</w:tc>`;
    const body = `<w:tbl>${[
      cell(p("Severity"), '<w:vMerge w:val="restart"/>') +
        cell(p("Response time"), '<w:gridSpan w:val="2"/>'),
      cell(p(""), "<w:vMerge/>") + cell(p("Standard")) + cell(p("Premium")),
      cell(`<w:p><w:r><w:t>Sev 1</w:t><w:br/><w:t>Service down</w:t></w:r></w:p>`) +
        cell(p("4 hours")) +
        cell(p("30 minutes") + p("24x7")),
    ]
      .map((row) => `<w:tr>${row}</w:tr>`)
      .join("")}</w:tbl>`;
    const lines = (await docxToText(docxWithBody(body), "merged.docx")).split("\n");
    expect(lines).toEqual([
      "Severity | Response time | Response time",
      "Severity | Standard | Premium",
      "Sev 1; Service down | 4 hours | 30 minutes; 24x7",
    ]);
  });

  const corrupt: { name: string; bytes: Uint8Array }[] = [
    { name: "random bytes", bytes: new Uint8Array(300).map((_, i) => (i * 31 + 7) % 256) },
    { name: "a truncated DOCX", bytes: example.subarray(0, Math.floor(example.length / 2)) },
    {
      name: "a ZIP without word/document.xml",
      bytes: zipSync({ "readme.txt": new TextEncoder().encode("hi") }),
    },
  ];
  for (const c of corrupt) {
    it(`reports ${c.name} as a corrupt DOCX`, async () => {
      const err = await docxToText(c.bytes, "bad.docx").then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).reason).toMatch(/^corrupt DOCX: /);
    });
  }
});
