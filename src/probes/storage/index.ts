export {
  AGENT_TOKEN_PREFIX,
  agentForToken,
  createAgent,
  hashAgentToken,
  type ProbeAgent,
} from "./agent-repo.js";
export {
  AGENT_SAMPLE_WINDOW,
  type IngestResult,
  ingestBatch,
  ProbeBatch,
  type RefusalReason,
  SIGNATURE_HEADER,
  signBatchBody,
  verifyBatchSignature,
} from "./ingest-batch.js";
export {
  definitionOf,
  deleteProbe,
  getProbe,
  insertProbe,
  probeFromRow,
  probesForRegion,
  type StoredProbe,
  updateProbe,
} from "./probe-repo.js";
export { probeRetentionJob } from "./retention-job.js";
export { listRollups, listSamples, type SampleQuery, type StoredSampleView } from "./sample-queries.js";
export { applyRetention, storeSamples, upsertRollups } from "./sample-store.js";
