import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { en } from "../../src/web/src/i18n/messages-en.js";
import type { Page } from "./browser.js";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Words that are the same in every language: product names, formats, units and codes. */
const SHARED_WORDS = new Set(
  [
    "Termsight",
    "API",
    "SLA",
    "YAML",
    "CSV",
    "JSON",
    "eml",
    "PDF",
    "DOCX",
    "HTML",
    "Markdown",
    "TXT",
    "RCA",
    "zip",
    "ID",
    "English",
    "termsight",
    "import",
    "file",
    // protocol names of probe kinds
    "http",
    "sse",
    "ws",
    "tcp",
    "tls",
  ].map((w) => w.toLowerCase()),
);

export interface PageReport {
  overflow: number;
  violations: { id: string; impact: string | null; nodes: string[] }[];
  /** Catalogue keys shown as text (a missing translation). */
  keys: string[];
  /** Latin words on a zh-CN page that are neither shared words nor the user's own data. */
  english: string[];
}

/**
 * One page's checks: horizontal overflow, axe-core violations, and (for zh-CN) rendered text that
 * is a catalogue key or an English word. `data` lists user-entered strings to ignore (names, emails).
 */
export async function checkPage(page: Page, opts: { zh: boolean; data?: string[] }): Promise<PageReport> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  // evaluated through the DevTools protocol: the app's CSP (script-src 'self') would block a script tag
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${AXE_SOURCE};0`);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v: { id: string; impact: string | null; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }),
    );
  });
  // code elements show identifiers (token prefixes, commands), not wording
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll("code, kbd, script, style")) el.remove();
    document.body.append(body);
    body.style.cssText = "position:absolute;left:-99999px;top:0;width:1000px";
    const out = body.innerText;
    body.remove();
    return out;
  });
  const keys = Object.keys(en).filter((k) => text.includes(k));
  let english: string[] = [];
  if (opts.zh) {
    let rest = text;
    for (const d of opts.data ?? []) rest = rest.split(d).join(" ");
    // emails, URLs, paths, code-ish tokens (ids, prefixes) are data, not wording
    rest = rest.replace(
      /\S+@\S+|https?:\/\/\S+|(?<!\S)\/\S*|\b[\w-]*\d[\w-]*\b|\S+\.(yaml|csv|json|eml|pdf|docx|txt|md|zip)\b/gi,
      " ",
    );
    english = [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])].filter(
      (w) => !SHARED_WORDS.has(w.toLowerCase()),
    );
  }
  return { overflow, violations, keys, english };
}
