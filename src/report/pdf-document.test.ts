import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { renderPdf } from "./pdf-document.js";

/** Each text run of page 1 with its position in points (PDF space: y grows upwards). */
async function textRuns(bytes: Uint8Array): Promise<{ text: string; x: number; y: number }[]> {
  const pdf = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  return content.items
    .filter((i): i is typeof i & { str: string; transform: number[] } => "str" in i && i.str.trim() !== "")
    .map((i) => ({ text: i.str, x: i.transform[4] as number, y: i.transform[5] as number }));
}

describe("an SVG block in a PDF", () => {
  it("is fitted into the page's width and its own height, above what follows", async () => {
    // As the report charts are drawn: 720 × 260 in the SVG's own units, wider than an A4 text column.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="260" viewBox="0 0 720 260">
      <text x="700" y="20" font-size="12">RIGHTEDGE</text><text x="10" y="255" font-size="12">BOTTOMEDGE</text></svg>`;
    const bytes = await renderPdf(
      [
        { kind: "svg", svg, height: 180 },
        { kind: "paragraph", text: "AFTERCHART" },
      ],
      { title: "layout", lang: "en" },
    );
    const runs = await textRuns(bytes);
    const at = (text: string) => runs.find((r) => r.text.includes(text));
    const right = at("RIGHTEDGE");
    const bottom = at("BOTTOMEDGE");
    const after = at("AFTERCHART");
    expect(right && bottom && after, JSON.stringify(runs)).toBeTruthy();
    // A4 is 595 pt wide with 40 pt margins: the SVG's right-hand text starts inside the column.
    expect(right?.x).toBeLessThan(595 - 40);
    // The SVG's bottom line is above the paragraph that follows it.
    expect(bottom?.y).toBeGreaterThan(after?.y ?? Number.POSITIVE_INFINITY);
  });
});
