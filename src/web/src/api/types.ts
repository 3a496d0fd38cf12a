import { SCENARIO_IDS } from "../../../terms/name-lists";
import type { Finding, ReviewResult, ScenarioId, Span, TopicId } from "../../../terms/review-schema";

export type { Finding, ReviewResult, ScenarioId, Span, TopicId };

/** The scenario ids, from the one list the schema and the store use. */
export const SCENARIOS: readonly ScenarioId[] = SCENARIO_IDS;

export type Role = "viewer" | "editor" | "admin";
export interface WorkspaceRef {
  id: string;
  name: string;
  role: Role;
  /** The workspace's default UI language. */
  language?: "zh-CN" | "en";
}
export interface Me {
  user: { id: string; email: string; name: string };
  workspaces: WorkspaceRef[];
  csrf_token: string | null;
}
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
export interface Vendor {
  id: string;
  name: string;
}
export interface DocumentRow {
  id: string;
  vendor_id: string | null;
  name: string;
  format: string;
  language: string;
  size_bytes: number;
  created_at: string;
}
export interface ReviewRow {
  id: string;
  document_id: string;
  scenario: ScenarioId;
  lang: string;
  score: number | null;
  created_at: string;
  result?: ReviewResult;
}
export interface Uploaded {
  document: DocumentRow;
  review: ReviewRow & { result: ReviewResult };
  created: boolean;
}
export interface ReviewWithText {
  id: string;
  document_id: string;
  scenario: ScenarioId;
  review: ReviewResult;
  text: string;
}

export interface ComparisonRow {
  key: string;
  label: string;
  values: (string | null)[];
}
export interface Comparison {
  schema: "termsight.compare/v1";
  scenario: ScenarioId;
  vendors: Array<{ name: string; overall: number }>;
  winner: string | null;
  topics: Array<{
    topic: TopicId;
    weight: number;
    scores: number[];
    winner: string | null;
    rows: ComparisonRow[];
  }>;
  memos: Array<{
    vendor: string;
    items: Array<{
      id: string;
      topic: TopicId;
      severity: string;
      title: string;
      ask: string;
      suggested_clause: string;
    }>;
  }>;
}

export interface ContractRow {
  id: string;
  vendor_id: string | null;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
  yaml?: string;
}

export interface Probe {
  id: string;
  name: string | null;
  kind: string;
  url: string;
  interval_s: number;
  enabled: boolean;
  version?: number;
  vendor_id?: string | null;
}
export interface Rollup {
  bucket_start: string;
  region: string | null;
  count: number;
  ok: number;
  fail: number;
  degraded: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
}
