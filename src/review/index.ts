export { type Comparison, compareReviews, negotiationMemo } from "./compare/compare-reviews.js";
export { type CompareFormat, compareFormats, renderComparison } from "./compare/render-comparison.js";
export { emptyCommitments } from "./empty-commitments.js";
export { extractCommitments } from "./extract/index.js";
export type { Extraction, Signal } from "./extraction.js";
export { findFindings } from "./findings/find-findings.js";
export { ruleTable } from "./findings/rule-table.js";
export { type ReviewFormat, renderReview, reviewFormats } from "./render/render-review.js";
export { reviewDocument } from "./review-document.js";
export {
  parseScenario,
  type ReviewedDocument,
  type ReviewOptions,
  reviewExtraction,
} from "./review-extraction.js";
export { type ScenarioProfile, scenarioProfiles } from "./scenarios/scenario-profiles.js";
export { type Score, scoreFindings } from "./score/score-findings.js";
