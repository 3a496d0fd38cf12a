/**
 * HTML parsers on hostile and normal input: milliseconds to parse unclosed `<b>` tags (100 KB,
 * 1 MB, 10 MB) and a normal page (the HTML example repeated to 1 MB), for node-html-parser (the
 * former parser), htmlparser2's Parser (DOM via domhandler) and src/ingest's tokenizer tree.
 * A candidate that takes over 5 s at one size is not run at the next (it would take minutes).
 * Run: npx tsx bench/html-parsers.ts
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "htmlparser2";
import { parse as nodeHtmlParse } from "node-html-parser";
import { parseHtml } from "../src/ingest/html-tree.js";

const normalPage = readFileSync(new URL("../examples/lumen-voice-sla.html", import.meta.url), "utf8");
const SIZES = [100_000, 1_000_000, 10_000_000];
const SKIP_AFTER_MS = 5_000;

const candidates: Record<string, (html: string) => unknown> = {
  "node-html-parser": (html) => nodeHtmlParse(html, { comment: false, blockTextElements: { pre: true } }),
  "htmlparser2 Parser+domhandler": (html) => parseDocument(html),
  "htmlparser2 Tokenizer (src/ingest/html-tree)": (html) => parseHtml(html),
};

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const inputs: { label: string; html: (bytes: number) => string }[] = [
  { label: "unclosed <b>", html: (n) => `${repeatTo("<b>x", n)}` },
  { label: "normal page", html: (n) => repeatTo(normalPage, n) },
];

for (const input of inputs) {
  for (const [name, parse] of Object.entries(candidates)) {
    const row: string[] = [];
    for (const size of SIZES) {
      const ms = timeMs(() => parse(input.html(size)));
      row.push(`${(size / 1e6).toString().padStart(4)} MB ${ms.toFixed(0).padStart(7)} ms`);
      if (ms > SKIP_AFTER_MS) {
        row.push("(larger sizes skipped)");
        break;
      }
    }
    console.log(`${input.label.padEnd(14)} ${name.padEnd(44)} ${row.join("  ")}`);
  }
}
