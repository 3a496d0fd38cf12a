import type { ColumnType } from "kysely";
import type { Json, Timestamp } from "./core.js";

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A vendor document fetched on a schedule (src/watch). `declaration` is the WatchDeclaration. */
export interface WatchedDocumentsTable {
  id: string;
  workspace_id: string;
  vendor_id: string;
  name: string;
  declaration: Json<unknown>;
  /** pending | ok | broken | unreachable */
  state: ColumnType<string, string | undefined, string>;
  broken_reason: Nullable<string>;
  etag: Nullable<string>;
  last_modified: Nullable<string>;
  last_text_sha256: Nullable<string>;
  last_document_id: Nullable<string>;
  last_fetched_at: NullableTime;
  next_due_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One fetch of a watched document: the raw bytes (null on 304 or error) and how it went. */
export interface WatchSnapshotsTable {
  id: string;
  workspace_id: string;
  watch_id: string;
  fetched_at: Timestamp;
  status: number | null;
  /** changed | unchanged | not_modified | broken | unreachable */
  outcome: string;
  error: string | null;
  content_type: string | null;
  sha256: string | null;
  body: Uint8Array | null;
}

/** A new document version made by a watch, with its commitment diffs and text diff. */
export interface WatchVersionsTable {
  id: string;
  workspace_id: string;
  watch_id: string;
  document_id: string;
  previous_document_id: string | null;
  text_sha256: string;
  changes: Json<unknown>;
  contract_changes: Json<unknown>;
  text_diff: Json<unknown>;
  created_at: Timestamp;
}

/** An alert event handed on to src/alerts (kept here too, deduplicated by key). */
export interface WatchEventsTable {
  id: string;
  workspace_id: string;
  dedupe_key: string;
  kind: string;
  severity: string;
  vendor_id: string | null;
  title: string;
  details: Json<Record<string, unknown>>;
  evidence_url: string | null;
  created_at: Timestamp;
}

/** A finding on a vendor from monitoring (a weakened published commitment). */
export interface VendorFindingsTable {
  id: string;
  workspace_id: string;
  vendor_id: string;
  source: string;
  source_id: string;
  finding_id: string;
  severity: string;
  title: string;
  detail: string;
  evidence: Json<unknown>;
  created_at: Timestamp;
}

/** A vendor status page or feed polled for incidents and maintenance. */
export interface StatusSourcesTable {
  id: string;
  workspace_id: string;
  vendor_id: string;
  /** statuspage | incident_io | feed */
  kind: string;
  url: string;
  /** vendor component name → covered service name(s) of the contract */
  component_map: Json<Record<string, string[]>>;
  /** pending | ok | unreadable */
  state: ColumnType<string, string | undefined, string>;
  error: Nullable<string>;
  last_polled_at: NullableTime;
  created_at: Timestamp;
}

/** An incident or scheduled maintenance declared by a vendor, stored once with when we first saw it. */
export interface StatusRecordsTable {
  id: string;
  workspace_id: string;
  source_id: string;
  external_id: string;
  /** incident | maintenance */
  kind: string;
  title: string;
  body: string;
  status: string | null;
  impact: string | null;
  components: Json<string[]>;
  services: Json<string[]>;
  started_at: NullableTime;
  resolved_at: NullableTime;
  scheduled_for: NullableTime;
  scheduled_until: NullableTime;
  declared_at: NullableTime;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface WatchTables {
  watched_documents: WatchedDocumentsTable;
  watch_snapshots: WatchSnapshotsTable;
  watch_versions: WatchVersionsTable;
  watch_events: WatchEventsTable;
  vendor_findings: VendorFindingsTable;
  status_sources: StatusSourcesTable;
  status_records: StatusRecordsTable;
}
