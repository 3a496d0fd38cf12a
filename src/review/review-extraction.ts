import { InputError } from "../errors/index.js";
import { type Language, ReviewResult, ScenarioId } from "../terms/index.js";
import type { Extraction } from "./extraction.js";
import { type FindingLang, findFindings } from "./findings/find-findings.js";
import { scoreFindings } from "./score/score-findings.js";

export interface ReviewedDocument {
  name: string;
  text: string;
  language: Language;
  sha256: string;
}

export interface ReviewOptions {
  scenario?: ScenarioId;
  /** Language of titles, asks and clauses; default: the document's (zh for zh and mixed). */
  lang?: FindingLang;
}

/** The language findings are written in: `lang` if given, else en for English documents, zh otherwise. */
export function findingLanguage(language: Language, lang?: FindingLang): FindingLang {
  return lang ?? (language === "en" ? "en" : "zh");
}

/** Checks a scenario name, naming the choices when it is unknown. */
export function parseScenario(value: string): ScenarioId {
  const parsed = ScenarioId.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(
    "--scenario",
    `unknown scenario "${value}" (expected one of: ${ScenarioId.options.join(", ")})`,
  );
}

/** Builds the review result from an extraction already made (the findings engine, the score, the contract check). */
export function reviewExtraction(
  doc: ReviewedDocument,
  extraction: Extraction,
  opts: ReviewOptions = {},
): ReviewResult {
  const scenario = parseScenario(opts.scenario ?? "general");
  const findings = findFindings(extraction, { scenario, lang: findingLanguage(doc.language, opts.lang) });
  return ReviewResult.parse({
    schema: "termsight.review/v1",
    document: { name: doc.name, language: doc.language, chars: doc.text.length, sha256: doc.sha256 },
    scenario,
    commitments: extraction.commitments,
    findings,
    score: scoreFindings(findings, scenario),
  });
}
