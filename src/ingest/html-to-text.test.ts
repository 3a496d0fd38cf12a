import { describe, expect, it } from "vitest";
import { declaredCharset, htmlToText } from "./html-to-text.js";
import { MAX_HTML_DEPTH } from "./html-tree.js";

describe("htmlToText", () => {
  const cases: { name: string; html: string; text: string }[] = [
    {
      name: "table rows become lines with cells joined by |",
      html: "<table><thead><tr><th>Severity</th><th>Response</th></tr></thead><tbody><tr><td><p>Sev 1</p><p>critical</p></td><td>1 hour</td></tr></tbody></table>",
      text: "Severity | Response\nSev 1; critical | 1 hour",
    },
    {
      name: "rowspan and colspan: a merged cell fills every slot it covers",
      html: '<table><tr><th rowspan="2">Severity</th><th colspan="2">Response time</th></tr><tr><th>Standard</th><th>Premium</th></tr><tr><td rowspan="2">Sev 2</td><td>1 business day</td><td rowspan="2">2 hours</td></tr><tr><td>2 business days</td></tr></table>',
      text: "Severity | Response time | Response time\nSeverity | Standard | Premium\nSev 2 | 1 business day | 2 hours\nSev 2 | 2 business days | 2 hours",
    },
    {
      name: "br and blocks inside a cell stay apart (a space after punctuation)",
      html: "<table><tr><td>Sev 1<br>Service down</td><td><p>Within 1 hour.</p><p>24x7</p></td><td><ul><li>phone</li><li>email</li></ul></td></tr></table>",
      text: "Sev 1; Service down | Within 1 hour. 24x7 | - phone; - email",
    },
    {
      name: "a colspan claiming thousands of columns is clipped",
      html: '<table><tr><td colspan="100000">x</td></tr></table>',
      text: Array(50).fill("x").join(" | "),
    },
    {
      name: "site chrome and code are dropped",
      html: "<header><nav><a>Pricing</a></nav></header><main><p>Body 99.9%.</p></main><footer>99.99% uptime</footer><script>x()</script><style>p{}</style>",
      text: "Body 99.9%.",
    },
    {
      name: "a header inside the article stays",
      html: "<article><header><h1>Lumen SLA</h1></header><p>Text.</p></article>",
      text: "Lumen SLA\n\nText.",
    },
    {
      name: "entities are decoded and whitespace collapsed",
      html: "<p>A&nbsp;&amp;  B\n  &lt;C&gt; &#x4e2d;&ldquo;x&rdquo;</p>",
      text: "A & B <C> 中“x”",
    },
    { name: "br breaks a line", html: "<p>one<br>two</p>", text: "one\ntwo" },
    {
      name: "list items get markers in the list's numbering",
      html: '<ul><li>x</li><li>y</li></ul><ol start="3"><li>a</li><li>b</li></ol><ol type="a"><li>p</li><li>q</li></ol>',
      text: "- x\n- y\n\n3. a\n4. b\n\na. p\nb. q",
    },
    {
      name: "pre keeps its line breaks",
      html: "<pre>a  b\nc</pre>",
      text: "a  b\nc",
    },
    { name: "doctype and comments are not text", html: "<!DOCTYPE html><!-- note --><p>ok</p>", text: "ok" },
  ];
  for (const c of cases) {
    it(c.name, () => expect(htmlToText(c.html)).toBe(c.text));
  }
});

describe("declaredCharset", () => {
  it("reads <meta charset> and http-equiv", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(enc('<meta charset="GBK">'))).toBe("gbk");
    expect(declaredCharset(enc('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'))).toBe(
      "gb2312",
    );
    expect(declaredCharset(enc("<p>none</p>"))).toBeNull();
  });
});

describe("htmlToText on hostile markup", () => {
  // node-html-parser took 50 s on 100 KB of these (quadratic): this test timed out before
  it("reads 200 KB of unclosed tags in one pass", () => {
    const n = 50_000;
    expect(htmlToText("<b>x".repeat(n))).toBe("x".repeat(n));
  });

  it("reads unclosed tags followed by as many stray end tags", () => {
    const n = 50_000;
    expect(htmlToText(`<p>${"<i>a".repeat(n)}${"</u>".repeat(n)}</p><p>end</p>`)).toBe(
      `${"a".repeat(n)}\n\nend`,
    );
  });

  it("keeps the structure above the depth limit and the text below it", () => {
    const deep = `${"<div>".repeat(MAX_HTML_DEPTH + 50)}deep${"</div>".repeat(MAX_HTML_DEPTH + 50)}`;
    expect(htmlToText(`<p>before</p>${deep}<p>after</p>`)).toBe("before\n\ndeep\n\nafter");
  });
});
