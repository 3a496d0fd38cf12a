import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkdown } from "./index.js";

describe("escaping", () => {
  it("HTML: every character that can open markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
  it("Markdown: raw HTML becomes text, Markdown punctuation stays", () => {
    expect(escapeMarkdown("<script>alert(1)</script> **P1** & 99.9%")).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; **P1** &amp; 99.9%",
    );
  });
});
