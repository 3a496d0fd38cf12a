import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./core.js";

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ProbesTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  name: string | null;
  /** A registered probe kind (probes/kinds; the probe_kinds table). */
  kind: string;
  /** May hold `${env:NAME}` / `${secret:NAME}` placeholders, never a secret value. */
  url: string;
  interval_s: number;
  jitter_s: number;
  timeout_ms: number;
  retries: number;
  /** Regions that run the probe; empty = every agent. */
  regions: Json<string[]>;
  /** Kind-specific settings (see `src/probes/kinds/<kind>`). */
  config: Json<Record<string, unknown>>;
  enabled: boolean;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProbeAgentsTable {
  id: string;
  workspace_id: string;
  name: string;
  region: string;
  /** sha256 of the agent token (shown once at creation). */
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_seen_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** One row per batch an agent pushed: the idempotency key (agent, batch id) and the clock skew seen. */
export interface ProbeBatchesTable {
  agent_id: string;
  batch_id: string;
  workspace_id: string;
  samples: number;
  sent_at: NullableTimestamp;
  received_at: Timestamp;
  /** received_at − sent_at in ms (network delay plus clock skew). */
  skew_ms: number | null;
  skew_flagged: boolean;
}

export interface ProbeSamplesTable {
  id: Generated<string>;
  workspace_id: string;
  probe_id: string;
  agent_id: string | null;
  batch_id: string | null;
  region: string | null;
  /** When the probe ran, by the agent's clock. */
  at: Timestamp;
  /** When the server stored it, by the server's clock. */
  received_at: Timestamp;
  /** The agent's clock differed from the server's by more than the allowed skew. */
  skew_flagged: boolean;
  ok: boolean;
  degraded: boolean;
  attempt: number;
  status: number | null;
  error: string | null;
  total_ms: number | null;
  /** The whole sample JSON (timings, metrics). */
  sample: Json<Record<string, unknown>>;
}

export interface ProbeRollupsTable {
  probe_id: string;
  workspace_id: string;
  /** '' when the sample had no region. */
  region: string;
  resolution: "minute" | "hour" | "day";
  bucket_start: Timestamp;
  count: number;
  ok: number;
  fail: number;
  degraded: number;
  /** Counts per latency bucket (`LATENCY_BOUNDS_MS` in src/probes/rollups/histogram.ts). */
  histogram: Json<number[]>;
}

/** The registered probe kinds (written from src/probes/kinds by syncProbeKinds). */
export interface ProbeKindsTable {
  name: string;
}

export interface ProbeTables {
  probes: ProbesTable;
  probe_kinds: ProbeKindsTable;
  probe_agents: ProbeAgentsTable;
  probe_batches: ProbeBatchesTable;
  probe_samples: ProbeSamplesTable;
  probe_rollups: ProbeRollupsTable;
}
