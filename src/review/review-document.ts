import type { ReviewResult } from "../terms/index.js";
import { extractCommitments } from "./extract/index.js";
import { type ReviewedDocument, type ReviewOptions, reviewExtraction } from "./review-extraction.js";

/** Reviews a document: extraction, findings for the scenario, score; validated against the contract schema. */
export function reviewDocument(doc: ReviewedDocument, opts: ReviewOptions = {}): ReviewResult {
  return reviewExtraction(doc, extractCommitments(doc.text), opts);
}
