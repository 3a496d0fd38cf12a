import { parse as parseYaml } from "yaml";
import type { Db } from "./ticket-context.js";

/** The parts of a vendor contract's terms that Enforce needs here. */
export interface ContractCommitments {
  contractId: string;
  contractName: string;
  version: number;
  /** The terms' `sla_policy` section (given to src/clock's loadPolicy), or null. */
  slaPolicy: unknown | null;
  /** `rca.deadline_hours` (top level or under `commitments`). */
  rcaDeadlineHours: number | null;
  /** `rca.contents`: what the report must cover (cause, impact, timeline, prevention). */
  rcaContents: string[];
  /** `maintenance.notice_hours`. */
  maintenanceNoticeHours: number | null;
}

function pick(terms: Record<string, unknown>, section: string, field?: string): unknown {
  const commitments = terms.commitments as Record<string, unknown> | undefined;
  const node = (terms[section] ?? commitments?.[section]) as Record<string, unknown> | null | undefined;
  if (field === undefined) return node ?? null;
  return node && typeof node === "object" ? (node[field] ?? null) : null;
}

function numberOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Reads the commitments from a contract row. `sla_policy` (the policy format of src/clock's
 * loadPolicy: calendars + severities) comes from the YAML, since loadTerms keeps only the commitments.
 */
export function commitmentsOf(row: {
  id: string;
  name: string;
  version: number;
  terms: unknown;
  terms_yaml: string;
}): ContractCommitments {
  let yamlTerms: Record<string, unknown> = {};
  try {
    const parsed = parseYaml(row.terms_yaml) as unknown;
    if (parsed && typeof parsed === "object") yamlTerms = parsed as Record<string, unknown>;
  } catch {
    yamlTerms = {};
  }
  const stored =
    row.terms && typeof row.terms === "object" ? (row.terms as Record<string, unknown>) : yamlTerms;
  const slaPolicy = (yamlTerms.sla_policy ?? stored.sla_policy ?? null) as unknown;
  return {
    contractId: row.id,
    contractName: row.name,
    version: row.version,
    slaPolicy,
    rcaDeadlineHours: numberOrNull(
      pick(stored, "rca", "deadline_hours") ?? pick(yamlTerms, "rca", "deadline_hours"),
    ),
    rcaContents: stringList(pick(stored, "rca", "contents") ?? pick(yamlTerms, "rca", "contents")),
    maintenanceNoticeHours: numberOrNull(
      pick(stored, "maintenance", "notice_hours") ?? pick(yamlTerms, "maintenance", "notice_hours"),
    ),
  };
}

/**
 * The workspace's contract with a vendor in force at `at`: validity dates cover the day
 * (open ends allowed); the most recently updated wins. Null when there is none.
 */
export async function findVendorContract(
  db: Db,
  workspaceId: string,
  vendorId: string | null,
  at: Date,
): Promise<ContractCommitments | null> {
  if (!vendorId) return null;
  return pickContractInForce(await listVendorContracts(db, workspaceId, vendorId), at);
}

export type ContractRow = Awaited<ReturnType<typeof listVendorContracts>>[number];

/** A vendor's contracts in the workspace, most recently updated first. */
export async function listVendorContracts(db: Db, workspaceId: string, vendorId: string) {
  return db
    .selectFrom("contracts")
    .select(["id", "name", "version", "terms", "terms_yaml", "valid_from", "valid_to"])
    .where("workspace_id", "=", workspaceId)
    .where("vendor_id", "=", vendorId)
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The contract whose validity dates cover the day of `at` (open ends allowed). */
export function pickContractInForce(rows: ContractRow[], at: Date): ContractCommitments | null {
  const day = at.toISOString().slice(0, 10);
  const inForce = rows.find(
    (r) => (!r.valid_from || r.valid_from <= day) && (!r.valid_to || r.valid_to >= day),
  );
  if (!inForce) return null;
  const key = `${inForce.id}:${inForce.version}`;
  let hit = parsed.get(key);
  if (!hit) {
    hit = commitmentsOf(inForce);
    if (parsed.size > 256) parsed.clear();
    parsed.set(key, hit);
  }
  return hit;
}

/** Parsed commitments by contract id and version (a contract update bumps the version). */
const parsed = new Map<string, ContractCommitments>();
