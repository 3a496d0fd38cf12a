import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
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
