import type { Timestamp } from "./core.js";

/** A workspace secret for probe placeholders: the value only sealed (never readable through the API). */
export interface WorkspaceSecretsTable {
  workspace_id: string;
  /** As in `${secret:NAME}`. */
  name: string;
  /** base64(nonce ‖ tag ‖ ciphertext), AES-256-GCM with `workspace_id:name` as associated data. */
  sealed: string;
  /** Fingerprint of the key that sealed it. */
  key_id: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SecretTables {
  workspace_secrets: WorkspaceSecretsTable;
}
