import { parse } from "yaml";
import { readDataFile } from "../../data-files/index.js";
import { InputError } from "../../errors/index.js";
import type { TopicId } from "../../terms/index.js";

/** One list of patterns in the lexicon: regular-expression sources per language. */
interface PatternList {
  zh?: string[];
  en?: string[];
}

interface SignalEntry extends PatternList {
  rule: string;
  topic: TopicId;
  /** Reuse a topic pattern list instead of listing patterns. */
  lex?: string;
}

interface LexiconFile {
  binding: Record<string, PatternList>;
  topic: Record<string, PatternList>;
  signals: SignalEntry[];
}

/**
 * A compiled pattern list. The zh patterns are matched case-sensitively (case folding makes CJK
 * matching several times slower), the en patterns case-insensitively.
 */
export interface Pattern {
  /** Both lists as one source, for callers that need a global expression. */
  source: string;
  test(text: string): boolean;
  /** The earliest match of either list. */
  exec(text: string): RegExpExecArray | null;
}

/** A compiled signal rule. */
export interface SignalRule {
  rule: string;
  topic: TopicId;
  pattern: Pattern;
}

export interface Lexicon {
  binding: Record<string, Pattern>;
  topic: Record<string, Pattern>;
  signals: SignalRule[];
  /** Matches where any signal rule might: a cheap first test before the rules one by one. */
  anySignal: Pattern;
}

function regexOf(name: string, sources: string[], flags: string): RegExp | null {
  if (sources.length === 0) return null;
  try {
    return new RegExp(sources.map((s) => `(?:${s})`).join("|"), flags);
  } catch (err) {
    throw new InputError("lexicon.yaml", `${name}: bad pattern (${(err as Error).message})`, null, {
      cause: err,
    });
  }
}

const LEADING_LETTER = /^(?:\\b)?(?:\(\?:)?[A-Za-z]/;
/** True when the text holds an ASCII letter; a char-code loop instead of a regex call per test. */
function hasLatin(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

function compile(name: string, list: PatternList | undefined): Pattern {
  const zh = regexOf(name, list?.zh ?? [], "");
  const en = regexOf(name, list?.en ?? [], "i");
  if (!zh && !en) throw new InputError("lexicon.yaml", `${name}: no patterns`);
  const source = [...(list?.zh ?? []), ...(list?.en ?? [])].map((s) => `(?:${s})`).join("|");
  // When every en pattern begins with a Latin letter, text without one cannot match: skip the slower
  // case-insensitive expression on it (most Chinese sentences).
  const needsLetter = (list?.en ?? []).every((p) => LEADING_LETTER.test(p));
  const tryEn = (text: string) => en !== null && (!needsLetter || hasLatin(text));
  return {
    source,
    test: (text) => zh?.test(text) === true || (tryEn(text) && (en as RegExp).test(text)),
    exec: (text) => {
      const a = zh ? zh.exec(text) : null;
      const b = tryEn(text) ? (en as RegExp).exec(text) : null;
      if (a && b) return a.index <= b.index ? a : b;
      return a ?? b;
    },
  };
}

function compileGroup(group: Record<string, PatternList>, prefix: string): Record<string, Pattern> {
  const out: Record<string, Pattern> = {};
  for (const [key, list] of Object.entries(group)) out[key] = compile(`${prefix}.${key}`, list);
  return out;
}

/** Parses and compiles a lexicon file's text. */
export function compileLexicon(source: string): Lexicon {
  return compileLexiconFile(parse(source) as LexiconFile);
}

function compileLexiconFile(file: LexiconFile): Lexicon {
  const topic = compileGroup(file.topic, "topic");
  const signals = file.signals.map((entry): SignalRule => {
    const lexPattern = entry.lex ? topic[entry.lex] : undefined;
    if (entry.lex && !lexPattern)
      throw new InputError("lexicon.yaml", `${entry.rule}: unknown lex ${entry.lex}`);
    return { rule: entry.rule, topic: entry.topic, pattern: lexPattern ?? compile(entry.rule, entry) };
  });
  const union: PatternList = { zh: [], en: [] };
  for (const entry of file.signals) {
    const list = entry.lex ? file.topic[entry.lex] : entry;
    union.zh?.push(...(list?.zh ?? []));
    union.en?.push(...(list?.en ?? []));
  }
  return {
    binding: compileGroup(file.binding, "binding"),
    topic,
    signals,
    anySignal: compile("signals", union),
  };
}

let cached: Lexicon | null = null;
let cachedFile: LexiconFile | null = null;
const unions = new Map<string, Pattern>();

/** One pattern matching where any of the named topic lists would: a cheap gate before testing each. */
export function lexUnion(names: string[]): Pattern {
  const key = names.join("+");
  let pattern = unions.get(key);
  if (!pattern) {
    loadLexicon();
    const lists = names.map((n) => (cachedFile as LexiconFile).topic[n]);
    pattern = compile(key, { zh: lists.flatMap((l) => l?.zh ?? []), en: lists.flatMap((l) => l?.en ?? []) });
    unions.set(key, pattern);
  }
  return pattern;
}

/** The bundled lexicon (data/review/lexicon.yaml), compiled once. */
export function loadLexicon(): Lexicon {
  if (!cached) {
    // Compiling mutates nothing, so the cached file and the compiled lexicon share one parse.
    cachedFile = readDataFile("review/lexicon.yaml") as LexiconFile;
    cached = compileLexiconFile(cachedFile);
  }
  return cached;
}

/** A topic pattern by name; a missing name is a programming error caught by the tests. */
export function lex(name: string): Pattern {
  const pattern = loadLexicon().topic[name];
  if (!pattern) throw new Error(`lexicon has no topic pattern ${name}`);
  return pattern;
}
