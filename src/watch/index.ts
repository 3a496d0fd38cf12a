// The watch door: watched vendor documents (fetch, versions, meaning diffs, alerts, Atom feed),
// vendor status pages, declared-vs-measured comparison and contract dates.

export {
  checkWatch,
  type WatchCheckResult,
  type WatchFetchOptions,
  type WatchOutcome,
} from "./check-watch.js";
export {
  type CommitmentChange,
  type CommitmentsLike,
  diffCommitments,
  type TermsReading,
} from "./commitment-diff.js";
export { extractWatchedText, selectHtmlFragment } from "./extract-text.js";
export { fetchPage, WATCH_USER_AGENT, watchFetchOptionsFromEnv } from "./fetch-page.js";
export { runWatchRound, type WatchRoundStats } from "./run-watch-round.js";
export { renderTermChangesFeed, termChangesFeed } from "./term-changes-feed.js";
export { diffText, type TextDiff } from "./text-diff.js";
export { handOnAlert, type WatchAlertEvent } from "./watch-alert.js";
export {
  dumpWatchFile,
  loadWatchFile,
  parseWatchDeclaration,
  WatchDeclaration,
  WatchFile,
} from "./watch-declaration.js";
export { watchRoundJob } from "./watch-jobs.js";
export {
  applyWatchFile,
  type DryRunView,
  exportWatchFile,
  fetchWatchNow,
  fetchWatchNowWith,
  listVendorFindings,
  listWatches,
  listWatchVersions,
  putWatch,
  type WatchVersionView,
  type WatchView,
} from "./watch-verbs.js";
