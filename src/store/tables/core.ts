import type { ColumnType, Generated } from "kysely";

/** A timestamptz column: read as Date, written as Date or ISO string, defaulted by the database. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column: read as T, written through `jsonb(value)` from `../json.js` (same on PGlite and pg). */
export type Json<T> = ColumnType<T, unknown, unknown>;

export type Role = "admin" | "editor" | "viewer";
export type TokenScope = "read" | "write";
/** Instance-wide role, separate from workspace roles: admins create workspaces, export, manage accounts. */
export type InstanceRole = "admin" | "member";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  instance_role: ColumnType<InstanceRole, InstanceRole | undefined, InstanceRole>;
  /** sha256 of an admin-issued one-time reset token, and when it expires. */
  password_reset_hash: ColumnType<string | null, string | null | undefined, string | null>;
  password_reset_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Last request, written at most once a minute (idle lifetime). */
  last_seen_at: Timestamp;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  version: Generated<number>;
  /** IANA zone of scheduled reports and the default calendar. */
  timezone: Generated<string>;
  language: Generated<"zh-CN" | "en">;
  /** Preset of the default business hours (src/workspaces/workspace-settings.ts). */
  business_calendar: Generated<"cn_workdays" | "weekdays" | "always">;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: Json<TokenScope[]>;
  created_at: Timestamp;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
  /** The token that minted this one (revoked with it); null when made by a session. */
  parent_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface VendorsTable {
  id: string;
  workspace_id: string;
  name: string;
  website: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductsTable {
  id: string;
  workspace_id: string;
  vendor_id: string;
  name: string;
  created_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  product_id: string | null;
  name: string;
  format: string;
  language: string;
  encoding: string | null;
  size_bytes: number;
  sha256: string;
  /** 1, 2, … per (workspace, vendor, name): a new upload of the same name is the next version. */
  version: number;
  original: Uint8Array;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ReviewsTable {
  id: string;
  workspace_id: string;
  document_id: string;
  scenario: string;
  lang: string;
  /** The ReviewResult of CONTRACTS.md §1. */
  result: Json<unknown>;
  score: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ContractsTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  name: string;
  terms_yaml: string;
  terms: Json<unknown>;
  /** ISO dates (YYYY-MM-DD) or null. */
  valid_from: string | null;
  valid_to: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string | null;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  at: Timestamp;
  details: Json<Record<string, unknown> | null>;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface CoreTables {
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  vendors: VendorsTable;
  products: ProductsTable;
  documents: DocumentsTable;
  reviews: ReviewsTable;
  contracts: ContractsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}
