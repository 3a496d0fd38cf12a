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
export {
  ContractDates,
  type ContractDeadline,
  type ContractDeadlines,
  computeContractDeadlines,
  contractDeadlines,
} from "./contract-dates.js";
export { applyContractWatches, ContractWatchEntry } from "./contract-watches.js";
export { extractWatchedText, selectHtmlFragment } from "./extract-text.js";
export { fetchPage, WATCH_USER_AGENT, watchFetchOptionsFromEnv } from "./fetch-page.js";
export { runWatchRound, type WatchRoundStats } from "./run-watch-round.js";
export {
  createWatchRetentionJob,
  DEFAULT_SNAPSHOT_RETENTION,
  pruneWatchSnapshots,
  type SnapshotRetention,
  snapshotRetentionFromEnv,
} from "./snapshot-retention.js";
export {
  checkMaintenanceNotice,
  compareDeclaredMeasured,
  type IncidentComparison,
  type Interval,
  type MaintenanceNoticeCheck,
  outagesFromSamples,
} from "./status/declared-vs-measured.js";
export { readStatusFeed } from "./status/feed-reader.js";
export { listStatusSources, type StatusSourceView } from "./status/list-status-sources.js";
export {
  type PollResult,
  pollStatusSource,
  runStatusRound,
  servicesOf,
} from "./status/poll-status-source.js";
export type { StatusEvent } from "./status/status-event.js";
export {
  addStatusSource,
  type DeclaredVsMeasured,
  DeclaredVsMeasuredInput,
  declaredVsMeasured,
  listStatusRecords,
  pollStatusSourceNow,
  pollStatusSourceNowWith,
  probeOutages,
  StatusSourceInput,
  setComponentMap,
} from "./status/status-verbs.js";
export { readStatuspage, readStatuspageComponents } from "./status/statuspage-reader.js";
export { renderTermChangesFeed, termChangesAtom, termChangesFeed } from "./term-changes-feed.js";
export { diffText, type TextDiff } from "./text-diff.js";
export { handOnAlert, type WatchAlertEvent } from "./watch-alert.js";
export {
  dumpWatchFile,
  loadWatchFile,
  parseWatchDeclaration,
  WatchDeclaration,
  WatchFile,
} from "./watch-declaration.js";
export { statusRoundJob, watchRoundJob } from "./watch-jobs.js";
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
