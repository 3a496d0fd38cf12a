import type { Selectable } from "kysely";
import type { Db } from "../../context/index.js";
import { NotFoundError } from "../../errors/index.js";
import { jsonb, newId } from "../../store/index.js";
import type { ProbesTable } from "../../store/tables/probes.js";
import { probeKindNames } from "../kinds/index.js";
import { type ProbeDefinition, parseProbeDefinition } from "../probe-definition.js";
import { checkProbePolicy, type ProbePolicy } from "../probe-policy.js";

/** A stored probe: its definition plus ownership and version. */
export type StoredProbe = ProbeDefinition & {
  workspace_id: string;
  vendor_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export function probeFromRow(row: Selectable<ProbesTable>): StoredProbe {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    vendor_id: row.vendor_id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    interval_s: row.interval_s,
    jitter_s: row.jitter_s,
    timeout_ms: row.timeout_ms,
    retries: row.retries,
    regions: row.regions,
    enabled: row.enabled,
    config: row.config,
    version: row.version,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** Just the definition, as agents receive it (no workspace data). */
export function definitionOf(p: StoredProbe): ProbeDefinition {
  const { workspace_id: _w, vendor_id: _v, version: _n, created_at: _c, updated_at: _u, ...def } = p;
  return def;
}

/**
 * Writes the registry's kind names to `probe_kinds` (which `probes.kind` references), so the store
 * accepts exactly the kinds the registry knows without a migration per kind.
 */
export async function syncProbeKinds(db: Db): Promise<void> {
  await db
    .insertInto("probe_kinds")
    .values(probeKindNames().map((name) => ({ name })))
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
}

export async function insertProbe(
  db: Db,
  input: {
    workspaceId: string;
    vendorId: string | null;
    createdBy: string | null;
    probe: unknown;
    now: Date;
    /** The server's policy (allowed env placeholders, body ceiling); checked before anything is written. */
    policy?: ProbePolicy;
  },
): Promise<StoredProbe> {
  const def = parseProbeDefinition({ id: newId(), ...(input.probe as object) }, "body");
  if (input.policy) checkProbePolicy(def, input.policy);
  await syncProbeKinds(db);
  const row = await db
    .insertInto("probes")
    .values({
      id: def.id,
      workspace_id: input.workspaceId,
      vendor_id: input.vendorId,
      name: def.name,
      kind: def.kind,
      url: def.url,
      interval_s: def.interval_s,
      jitter_s: def.jitter_s,
      timeout_ms: def.timeout_ms,
      retries: def.retries,
      regions: jsonb(def.regions),
      config: jsonb(def.config),
      enabled: def.enabled,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return probeFromRow(row);
}

export async function getProbe(db: Db, workspaceId: string, id: string): Promise<StoredProbe> {
  const row = await db
    .selectFrom("probes")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("probe", id);
  return probeFromRow(row);
}

/** Replaces the probe's definition with `patch` merged over it; bumps the version. */
export async function updateProbe(
  db: Db,
  input: {
    workspaceId: string;
    id: string;
    patch: Record<string, unknown>;
    now: Date;
    policy?: ProbePolicy;
  },
): Promise<StoredProbe> {
  const current = await getProbe(db, input.workspaceId, input.id);
  const { vendor_id, ...patch } = input.patch;
  const def = parseProbeDefinition({ ...definitionOf(current), ...patch, id: current.id }, "body");
  if (input.policy) checkProbePolicy(def, input.policy);
  await syncProbeKinds(db);
  const row = await db
    .updateTable("probes")
    .set((eb) => ({
      vendor_id: vendor_id === undefined ? current.vendor_id : (vendor_id as string | null),
      name: def.name,
      kind: def.kind,
      url: def.url,
      interval_s: def.interval_s,
      jitter_s: def.jitter_s,
      timeout_ms: def.timeout_ms,
      retries: def.retries,
      regions: jsonb(def.regions),
      config: jsonb(def.config),
      enabled: def.enabled,
      version: eb("version", "+", 1),
      updated_at: input.now,
    }))
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return probeFromRow(row);
}

export async function deleteProbe(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db
    .deleteFrom("probes")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new NotFoundError("probe", id);
}

/** Enabled probes of a workspace that run in `region` (a probe with no regions runs everywhere). */
export async function probesForRegion(
  db: Db,
  workspaceId: string,
  region: string,
): Promise<ProbeDefinition[]> {
  const rows = await db
    .selectFrom("probes")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("enabled", "=", true)
    .orderBy("id")
    .execute();
  return rows
    .map(probeFromRow)
    .filter((p) => p.regions.length === 0 || p.regions.includes(region))
    .map(definitionOf);
}
