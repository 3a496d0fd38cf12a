import type { Lexicon } from "./lexicon.js";

/**
 * How a piece of text binds the vendor. Commentary (narration, advice, questions, marketing, other
 * vendors) never yields a commitment; an illustrative sentence ("for example …") yields no numbers
 * but may still name exclusion categories of a real SLA.
 */
export type Binding = "binding" | "illustrative" | "commentary";

const PARENTHESES = /[(（][^()（）]{0,80}[)）]/g;
/** A link target or web address ("](https://…/contact?id=1)") is not words: its "?" asks nothing. */
const ADDRESS = /\]\([^)\s]*\)?|https?:\/\/\S+/g;

/** Marks of commentary or marketing in one sentence, regardless of the document around it. */
export function isCommentary(text: string, lexicon: Lexicon): boolean {
  const words = text.includes("://") || text.includes("](") ? text.replace(ADDRESS, " ") : text;
  return lexicon.binding.commentary?.test(words) === true || lexicon.binding.marketing?.test(words) === true;
}

export function classifySentence(
  text: string,
  commentaryDocument: boolean,
  lexicon: Lexicon,
  marked = isCommentary(text, lexicon),
): Binding {
  if (marked) return "commentary";
  const vendorVoice = lexicon.binding.vendor_voice?.test(text) === true;
  if (commentaryDocument && !vendorVoice) return "commentary";
  if (lexicon.binding.illustrative?.test(text.replace(PARENTHESES, ""))) return "illustrative";
  return "binding";
}

/** A table row is binding in a terms document, commentary inside an article about terms. */
export function classifyRow(text: string, commentaryDocument: boolean, lexicon: Lexicon): Binding {
  if (!commentaryDocument) return "binding";
  return lexicon.binding.vendor_voice?.test(text) === true && !isCommentary(text, lexicon)
    ? "binding"
    : "commentary";
}

/**
 * A document is commentary (an article, a blog post) when at least a fifth of its sentences, and
 * at least three, carry commentary marks.
 */
export function isCommentaryDocument(
  sentences: { text: string; marked: boolean }[],
  lexicon: Lexicon,
): boolean {
  let marked = 0;
  let counted = 0;
  for (const s of sentences) {
    if (s.text.length < 6) continue;
    counted++;
    if (s.marked || lexicon.binding.advice?.test(s.text)) marked++;
  }
  return marked >= 3 && marked / Math.max(1, counted) >= 0.2;
}
