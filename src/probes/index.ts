// The probes door: kinds, the probe verb, the SSRF guard, the scheduler, rollups, storage and the agent.

export { type AgentOptions, type AgentStats, type RunningAgent, startAgent } from "./agent/agent-client.js";
export { DiskBuffer, newBatchId, type PendingBatch } from "./agent/disk-buffer.js";
export { AgentProbesQuery, agentProbeSet, pushAgentBatch } from "./agent-verbs.js";
export {
  type FakeVendor,
  type FakeVendorOptions,
  type FakeVendorStats,
  type Faults,
  fakeVendorCertificate,
  seededRandom,
  startFakeVendor,
} from "./fake-vendor/index.js";
export { type GuardedRequest, guardedRequest, readCappedBody } from "./kinds/http/guarded-request.js";
export { probeKindNames, probeKinds, registerProbeKind } from "./kinds/index.js";
export type { ProbeContext, ProbeKind, ProbeOutcome } from "./kinds/kind.js";
export { ManualClock } from "./manual-clock.js";
export { NO_DATA_REASONS, type NoDataReason, noDataReason } from "./no-data.js";
export { ProbeDefinition, ProbeFields, parseKindConfig, parseProbeDefinition } from "./probe-definition.js";
export {
  allowedEnvOf,
  checkProbePolicy,
  DEFAULT_MAX_PROBE_BODY_BYTES,
  DEFAULT_PROBE_POLICY,
  type ProbePolicy,
  parseMaxProbeBodyBytes,
  parseProbeEnvNames,
} from "./probe-policy.js";
export { probeTimeline } from "./probe-timeline.js";
export {
  AgentCreate,
  type ProbeServerConfig,
  probeVerbs,
  RollupQuery,
  SampleListQuery,
} from "./probe-verbs.js";
export { histogramQuantile, LATENCY_BOUNDS_MS, type LatencyHistogram } from "./rollups/histogram.js";
export {
  bucketStart,
  DEFAULT_RETENTION,
  type ProbeRollup,
  type ProbeRollupView,
  type RetentionPolicy,
  type RollupResolution,
  retentionCutoffs,
  rollUpSamples,
  viewRollup,
} from "./rollups/rollup.js";
export { type RunProbeContext, type RunProbeInput, runProbe } from "./run-probe.js";
export {
  emptyMetrics,
  emptyTimings,
  orderSample,
  ProbeKindName,
  ProbeMetrics,
  ProbeSample,
  ProbeTimings,
} from "./sample.js";
export {
  ProbeScheduler,
  type RunInfo,
  type SchedulerClock,
  type SchedulerOptions,
  type SchedulerStats,
  systemClock,
} from "./scheduler.js";
export {
  checkSecretName,
  deleteSecret,
  listSecretNames,
  loadSecretKey,
  loadSecretValues,
  MAX_SECRET_VALUE_CHARS,
  parseSecretKey,
  putSecret,
  SECRET_KEY_FILE,
  SECRET_NAME,
  SecretBox,
  type SecretInfo,
} from "./secret-store/index.js";
export {
  loadSecretsFile,
  parseSecrets,
  redactHeaders,
  redactUrl,
  resolveSecrets,
  type SecretSource,
  secretRedactor,
  unavailablePlaceholder,
} from "./secrets.js";
export {
  type Allowlist,
  BlockedTargetError,
  type BlockReason,
  classifyAddress,
  EMPTY_ALLOWLIST,
  isBlockedTargetError,
  parseAllowlist,
  pinnedLookup,
  type Resolver,
  resolveGuarded,
} from "./ssrf-guard.js";
export {
  AGENT_SAMPLE_WINDOW,
  AGENT_TOKEN_PREFIX,
  agentForToken,
  applyRetention,
  createAgent,
  definitionOf,
  deleteProbe,
  getProbe,
  hashAgentToken,
  type IngestResult,
  ingestBatch,
  insertProbe,
  listRollups,
  listSamples,
  type ProbeAgent,
  ProbeBatch,
  probeFromRow,
  probeRetentionJob,
  probesForRegion,
  type RefusalReason,
  type SampleQuery,
  SIGNATURE_HEADER,
  type StoredProbe,
  type StoredSampleView,
  signBatchBody,
  storeSamples,
  updateProbe,
  upsertRollups,
  verifyBatchSignature,
} from "./storage/index.js";
