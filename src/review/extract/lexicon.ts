import { readFileSync } from "node:fs";
import { parse } from "yaml";
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

/** A compiled signal rule: one regular expression over both languages. */
export interface SignalRule {
  rule: string;
  topic: TopicId;
  pattern: RegExp;
}

export interface Lexicon {
  binding: Record<string, RegExp>;
  topic: Record<string, RegExp>;
  signals: SignalRule[];
}

const LEXICON_URL = new URL("../../../data/review/lexicon.yaml", import.meta.url);

function compile(name: string, list: PatternList | undefined): RegExp {
  const sources = [...(list?.zh ?? []), ...(list?.en ?? [])];
  if (sources.length === 0) throw new InputError("lexicon.yaml", `${name}: no patterns`);
  try {
    return new RegExp(sources.map((s) => `(?:${s})`).join("|"), "i");
  } catch (err) {
    throw new InputError("lexicon.yaml", `${name}: bad pattern (${(err as Error).message})`, null, {
      cause: err,
    });
  }
}

function compileGroup(group: Record<string, PatternList>, prefix: string): Record<string, RegExp> {
  const out: Record<string, RegExp> = {};
  for (const [key, list] of Object.entries(group)) out[key] = compile(`${prefix}.${key}`, list);
  return out;
}

/** Parses and compiles a lexicon file's text. */
export function compileLexicon(source: string): Lexicon {
  const file = parse(source) as LexiconFile;
  const topic = compileGroup(file.topic, "topic");
  const signals = file.signals.map((entry): SignalRule => {
    const lexPattern = entry.lex ? topic[entry.lex] : undefined;
    if (entry.lex && !lexPattern)
      throw new InputError("lexicon.yaml", `${entry.rule}: unknown lex ${entry.lex}`);
    return { rule: entry.rule, topic: entry.topic, pattern: lexPattern ?? compile(entry.rule, entry) };
  });
  return { binding: compileGroup(file.binding, "binding"), topic, signals };
}

let cached: Lexicon | null = null;

/** The bundled lexicon (data/review/lexicon.yaml), compiled once. */
export function loadLexicon(): Lexicon {
  cached ??= compileLexicon(readFileSync(LEXICON_URL, "utf8"));
  return cached;
}

/** A topic pattern by name; a missing name is a programming error caught by the tests. */
export function lex(name: string): RegExp {
  const pattern = loadLexicon().topic[name];
  if (!pattern) throw new Error(`lexicon has no topic pattern ${name}`);
  return pattern;
}
