import { dumpTerms, ReviewResult } from "../../terms/index.js";
import type { UiLang } from "./labels.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";

export const reviewFormats = ["json", "md", "html", "yaml"] as const;
export type ReviewFormat = (typeof reviewFormats)[number];

/** The UI language of a rendered review: `lang` if given, else the document's (zh for zh and mixed). */
export function uiLanguage(result: ReviewResult, lang?: UiLang): UiLang {
  return lang ?? (result.document.language === "en" ? "en" : "zh");
}

/**
 * Renders a review: `json` (the contract, validated first), `md`, `html` (one self-contained page
 * with the document `text` highlighted), `yaml` (terms as code).
 */
export function renderReview(
  result: ReviewResult,
  text: string,
  format: ReviewFormat,
  opts: { lang?: UiLang; vendor?: string; product?: string } = {},
): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(ReviewResult.parse(result), null, 2)}\n`;
    case "md":
      return renderMarkdown(result, uiLanguage(result, opts.lang));
    case "html":
      return renderHtml(result, text, uiLanguage(result, opts.lang));
    case "yaml":
      return dumpTerms(result, { vendor: opts.vendor, product: opts.product });
  }
}
