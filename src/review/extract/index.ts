export { extractCommitments } from "./extract-commitments.js";
export { findDurations, findPercents, parseChineseNumber } from "./numbers.js";
