export { ContractDates, type ContractDatesInput, DayCount } from "./contract-dates.js";
export {
  LatencyMetric,
  LatencyStat,
  LatencyTarget,
  LatencyTargets,
  latencyTargetsFromReview,
} from "./latency.js";
export { EXCLUSION_CATEGORIES, inListCheck, SCENARIO_IDS } from "./name-lists.js";
export * from "./review-schema.js";
export {
  dumpTerms,
  loadTerms,
  Quote,
  quoteCommitments,
  type Terms,
  type TermsCommitments,
} from "./terms-yaml.js";
