import type { Timestamp } from "./core.js";

/** One saved version of a contract's terms YAML (migration 0790_contract_versions). */
export interface ContractVersionsTable {
  contract_id: string;
  workspace_id: string;
  version: number;
  name: string;
  terms_yaml: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ContractVersionTables {
  contract_versions: ContractVersionsTable;
}
