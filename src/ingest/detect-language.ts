/**
 * The language of a document from its words. Chinese is counted in characters, about 1.5 per
 * word, so `zhWords = ideographs / 1.5`; English in runs of Latin letters. The share
 * r = zhWords / (zhWords + latinWords) decides:
 * - r >= 0.6 → "zh": a Chinese text that names products, APIs and severities in Latin letters
 *   (SDK, API, P0, RTC) keeps most of its words Chinese.
 * - r < 0.15 → "en": an English text that quotes a vendor's Chinese name or a few Chinese terms.
 * - otherwise "mixed": a bilingual text (each clause in both languages) sits near 0.5.
 * A text with no letters at all is "en".
 */
export const ZH_MIN_SHARE = 0.6;
export const EN_MAX_SHARE = 0.15;
const HAN_CHARS_PER_WORD = 1.5;

export function detectLanguage(text: string): "zh" | "en" | "mixed" {
  let han = 0;
  let latinWords = 0;
  for (const m of text.matchAll(/\p{Script=Han}|[A-Za-z\u00c0-\u024f]+/gu)) {
    if (m[0].charCodeAt(0) >= 0x2e80) han++;
    else latinWords++;
  }
  const zhWords = han / HAN_CHARS_PER_WORD;
  if (zhWords + latinWords === 0) return "en";
  const share = zhWords / (zhWords + latinWords);
  if (share >= ZH_MIN_SHARE) return "zh";
  if (share < EN_MAX_SHARE) return "en";
  return "mixed";
}
