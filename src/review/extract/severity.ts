/** Severity labels: P0–P4, S1–S4, Sev 1 / Severity 1, Priority 1, 一级, 紧急/严重/一般/轻微, Critical/High/… */

const CODE =
  /\bP[0-5]\b|\bS[1-4]\b|\bsev(?:erity)?[\s-]{0,2}(?:level[\s-]{0,2})?[1-5]\b|\bpriority[\s-]{0,2}(?:level[\s-]{0,2})?[1-5]\b|\blevel[\s-]?[1-5]\b|(?<![\d.十]|等保)[1-4一二三四]\s?级(?!等保|认证|资质)/i;
const ZH_WORD = /紧急|严重|重大|重要|一般|普通|轻微|次要|低/;
const EN_WORD = /\b(?:critical|urgent|emergency|high|medium|normal|low|minor|major|moderate|severe)\b/i;
/** A word label in prose counts only as "紧急故障", "High priority", "Critical:" … */
const ZH_WORD_PROSE =
  /(紧急|严重|重大|一般|普通|轻微|次要)(?=\s?(?:故障|问题|事件|级|等级|工单|类)|\s?[：:（(])/;
const EN_WORD_PROSE =
  /\b(critical|urgent|emergency|high|medium|normal|low|minor|major)\b(?=[- ](?:priority|severity|impact|issues?|incidents?|tickets?|requests?|cases?)|\*{0,2}\s?[:(])/i;

export interface SeverityMatch {
  severity: string;
  start: number;
  end: number;
}

function capitalize(word: string): string {
  return (word[0] ?? "").toUpperCase() + word.slice(1).toLowerCase();
}

function canonical(raw: string): string {
  const t = raw.trim();
  let m = /^([PS])([0-5])$/i.exec(t);
  if (m) return `${(m[1] as string).toUpperCase()}${m[2]}`;
  m = /^(sev(?:erity)?|priority|level)[\s-]*(level[\s-]*)?([1-5])$/i.exec(t);
  if (m) return `${capitalize(m[1] as string)} ${m[2] ? "Level " : ""}${m[3]}`;
  if (/级$/.test(t)) return t.replace(/\s+/g, "");
  if (/^[a-z]+$/i.test(t)) return capitalize(t);
  return t;
}

/** Levels lettered A–D ("Severity A", "严重度 B"); case-sensitive, so "severity a ticket" is no label. */
const LETTER_CODE =
  /\b(?:[Ss]ev(?:erity)?|SEV(?:ERITY)?)[\s-]{0,2}(?:[Ll]evel[\s-]{0,2})?[A-D]\b|严重(?:度|性|程度|级别)\s?(?:[A-D](?![A-Za-z])|[1-4](?![\d.]))/;
/** Markup left in a cell ("A  <br/>", "<sup>1</sup>"). */
const CELL_MARKUP = /<sup>[^<]{0,8}<\/sup>|<\/?[a-z][^<>]{0,40}>/gi;

function codeMatch(text: string): SeverityMatch | null {
  const m = CODE.exec(text) ?? LETTER_CODE.exec(text);
  if (!m) return null;
  return { severity: canonical(m[0]), start: m.index, end: m.index + m[0].length };
}

/** True for a level given as a code ("P1", "Severity 2", "一级"), false for a word ("Critical", "一般"). */
export function isCodeLabel(severity: string): boolean {
  return CODE.test(severity);
}

/** The severity a table cell names: the cell is (mostly) a label, e.g. "P1（紧急）", "Critical", "一级". */
export function severityOfCell(text: string): SeverityMatch | null {
  const t = (text.includes("<") ? text.replace(CELL_MARKUP, (m) => " ".repeat(m.length)) : text).trim();
  if (t.length > 40) return null;
  const code = codeMatch(t);
  if (code && code.start <= 12) return code;
  const zh = ZH_WORD.exec(t);
  if (zh && zh.index <= 2 && t.length <= 12)
    return { severity: zh[0], start: zh.index, end: zh.index + zh[0].length };
  const en = EN_WORD.exec(t);
  if (en && en.index <= 2 && t.length <= 24)
    return { severity: canonical(en[0]), start: en.index, end: en.index + en[0].length };
  if (/^[高中低]$/.test(t)) return { severity: t, start: 0, end: 1 };
  return null;
}

const PROSE_PATTERNS = [
  new RegExp(CODE.source, "gi"),
  new RegExp(ZH_WORD_PROSE.source, "g"),
  new RegExp(EN_WORD_PROSE.source, "gi"),
];

/** Cheap first test: text with none of these holds no label. */
const LABEL_HINT_ZH = /级|紧急|严重|重大|一般|普通|轻微|次要/;
const LABEL_HINT_EN =
  /[PS][0-5]|sev|priority|level|critical|urgent|emergency|high|medium|normal|low|minor|major/i;

/** Every severity label in prose, in order. */
export function severitiesInProse(text: string): SeverityMatch[] {
  if (!LABEL_HINT_ZH.test(text) && !LABEL_HINT_EN.test(text)) return [];
  const out: SeverityMatch[] = [];
  const global = PROSE_PATTERNS;
  for (const re of global) {
    for (const m of text.matchAll(re)) {
      const one =
        re === global[0]
          ? codeMatch(m[0])
          : { severity: canonical(m[1] as string), start: 0, end: (m[1] as string).length };
      if (!one) continue;
      const start = (m.index ?? 0) + one.start;
      if (out.some((o) => start < o.end && o.start < start + (one.end - one.start))) continue;
      out.push({ severity: one.severity, start, end: start + (one.end - one.start) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
