import { sql } from "kysely";
import type { Db } from "../context/index.js";
import { ConflictError, NotFoundError } from "../errors/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { loadTerms } from "../terms/index.js";
import { invalidateVendorTicketSla } from "../tickets/index.js";
import { applyContractWatches } from "../watch/index.js";

export const CONTRACT_COLUMNS = [
  "id",
  "vendor_id",
  "name",
  "valid_from",
  "valid_to",
  "version",
  "created_by",
  "created_at",
  "updated_at",
] as const;

export interface ContractInput {
  workspaceId: string;
  actorId: string | null;
  yaml: string;
  name?: string | null;
  vendorId?: string | null;
  now: Date;
}

/** Keeps the saved YAML as the contract's version `row.version` (the editor's history and diff). */
async function keepVersion(
  db: Db,
  row: { id: string; version: number; name: string },
  input: ContractInput,
): Promise<void> {
  await db
    .insertInto("contract_versions")
    .values({
      contract_id: row.id,
      workspace_id: input.workspaceId,
      version: row.version,
      name: row.name,
      terms_yaml: input.yaml,
      created_by: input.actorId,
      created_at: input.now,
    })
    .execute();
}

/** Validates the terms YAML (errors by line → 400) and works out vendor, name and validity. */
async function resolve(db: Db, input: ContractInput) {
  const fileName = input.name ? `${input.name}.yaml` : "contract.yaml";
  const terms = loadTerms(input.yaml, fileName);
  let vendorId = input.vendorId ?? null;
  if (vendorId) {
    const v = await db
      .selectFrom("vendors")
      .select("id")
      .where("workspace_id", "=", input.workspaceId)
      .where("id", "=", vendorId)
      .executeTakeFirst();
    if (!v) throw new NotFoundError("vendor", vendorId);
  } else if (terms.vendor) {
    const v = await db
      .selectFrom("vendors")
      .select("id")
      .where("workspace_id", "=", input.workspaceId)
      .where("name", "=", terms.vendor)
      .executeTakeFirst();
    vendorId = v?.id ?? null;
  }
  const name = input.name ?? terms.vendor ?? terms.source.document ?? "contract";
  return { terms, fileName, vendorId, name, validFrom: terms.effective.from, validTo: terms.effective.to };
}

/** Creates a contract from terms YAML (audited, in the caller's transaction). */
export async function createContract(db: Db, input: ContractInput) {
  const r = await resolve(db, input);
  const row = await db
    .insertInto("contracts")
    .values({
      id: newId(),
      workspace_id: input.workspaceId,
      vendor_id: r.vendorId,
      name: r.name,
      terms_yaml: input.yaml,
      terms: jsonb(r.terms),
      valid_from: r.validFrom,
      valid_to: r.validTo,
      created_by: input.actorId,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning([...CONTRACT_COLUMNS])
    .executeTakeFirstOrThrow();
  await keepVersion(db, row, input);
  // The vendor's tickets may now fall under this contract's SLA policy.
  if (r.vendorId) await invalidateVendorTicketSla(db, input.workspaceId, r.vendorId);
  // The terms file's `watch:` entries become the vendor's watched documents, compared with this contract.
  const watches = await applyContractWatches(db, {
    workspaceId: input.workspaceId,
    vendorId: r.vendorId,
    contractId: row.id,
    entries: r.terms.watch,
    now: input.now,
    source: r.fileName,
  });
  await writeAudit(db, {
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: "create",
    entity: "contract",
    entityId: row.id,
    details: { name: row.name, ...(watches.applied ? { watches: watches.applied } : {}) },
    at: input.now,
  });
  return row;
}

/** Replaces a contract's YAML; `expectedVersion` (If-Match) must match or 409. */
export async function replaceContract(
  db: Db,
  id: string,
  input: ContractInput & { expectedVersion: number | null },
) {
  const current = await db
    .selectFrom("contracts")
    .select(["version", "name", "vendor_id"])
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new NotFoundError("contract", id);
  if (input.expectedVersion !== null && input.expectedVersion !== current.version) {
    throw new ConflictError(
      `contract ${id} is at version ${current.version}, not ${input.expectedVersion}; reload and retry`,
    );
  }
  const r = await resolve(db, {
    ...input,
    name: input.name ?? current.name,
    vendorId: input.vendorId ?? current.vendor_id,
  });
  const row = await db
    .updateTable("contracts")
    .set({
      vendor_id: r.vendorId,
      name: r.name,
      terms_yaml: input.yaml,
      terms: jsonb(r.terms),
      valid_from: r.validFrom,
      valid_to: r.validTo,
      version: sql`version + 1`,
      updated_at: input.now,
    })
    .where("id", "=", id)
    .returning([...CONTRACT_COLUMNS])
    .executeTakeFirstOrThrow();
  await keepVersion(db, row, input);
  for (const vendorId of new Set([current.vendor_id, r.vendorId]))
    if (vendorId) await invalidateVendorTicketSla(db, input.workspaceId, vendorId);
  const watches = await applyContractWatches(db, {
    workspaceId: input.workspaceId,
    vendorId: r.vendorId,
    contractId: id,
    entries: r.terms.watch,
    now: input.now,
    source: r.fileName,
  });
  await writeAudit(db, {
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: "update",
    entity: "contract",
    entityId: id,
    details: { version: row.version, ...(watches.applied ? { watches: watches.applied } : {}) },
    at: input.now,
  });
  return row;
}
