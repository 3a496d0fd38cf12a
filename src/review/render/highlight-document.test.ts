import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Highlight, highlightDocument } from "./highlight-document.js";

const htmlToText = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const hl = (start: number, end: number, id: string, priority = 1): Highlight => ({
  start,
  end,
  id,
  className: `k-${id}`,
  target: `t-${id}`,
  priority,
});

describe("highlightDocument", () => {
  it("wraps a span in a mark with an anchor before it", () => {
    expect(highlightDocument("abc def", [hl(4, 7, "x")])).toBe(
      'abc <a class="anchor" id="x"></a><mark class="k-x" data-target="t-x">def</mark>',
    );
  });
  it("escapes the document text, inside and outside marks", () => {
    const html = highlightDocument("<b>&'\"</b> <script>", [hl(11, 19, "s")]);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;");
  });
  it("splits overlapping spans and shows the higher priority one", () => {
    const html = highlightDocument("0123456789", [hl(0, 6, "low", 1), hl(3, 9, "high", 5)]);
    expect(html).toContain('<mark class="k-low" data-target="t-low">012</mark>');
    expect(html).toContain('<mark class="k-high" data-target="t-high">345</mark>');
    expect(html).toContain('<mark class="k-high" data-target="t-high">678</mark>');
    expect(html).toContain('id="low"');
    expect(html).toContain('id="high"');
  });
  it("ignores spans outside the text", () => {
    expect(highlightDocument("abc", [hl(2, 10, "x"), hl(-1, 1, "y")])).toBe("abc");
  });
  it("never loses or changes text, and keeps one anchor per valid span", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(220), fc.nat(220), fc.nat(6)), { maxLength: 30 }),
        (text, raw) => {
          const spans = raw.map(([a, b, p], i) => hl(Math.min(a, b), Math.max(a, b), `h${i}`, p));
          const html = highlightDocument(text, spans);
          expect(htmlToText(html)).toBe(text);
          const valid = spans.filter((s) => s.end <= text.length && s.start < s.end);
          expect(html.match(/class="anchor"/g)?.length ?? 0).toBe(valid.length);
        },
      ),
    );
  });
});
