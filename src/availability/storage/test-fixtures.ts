import type { Kysely } from "kysely";
import { type Database, jsonb, newId } from "../../store/index.js";

/**
 * Test fixture: a workspace with a vendor, a contract whose terms carry `commitments`, and one
 * probe of that vendor. Rows are written directly so storage tests need no server.
 */
export async function seedContract(
  db: Kysely<Database>,
  commitments: Record<string, unknown>,
): Promise<{ workspaceId: string; vendorId: string; contractId: string; probeId: string }> {
  const workspaceId = newId();
  const vendorId = newId();
  const contractId = newId();
  const probeId = newId();
  await db.insertInto("workspaces").values({ id: workspaceId, name: "Acme" }).execute();
  await db
    .insertInto("vendors")
    .values({ id: vendorId, workspace_id: workspaceId, name: "Vendor" })
    .execute();
  await db
    .insertInto("contracts")
    .values({
      id: contractId,
      workspace_id: workspaceId,
      vendor_id: vendorId,
      name: "Vendor RTC",
      terms_yaml: "schema: termsight.terms/v1\n",
      terms: jsonb({ schema: "termsight.terms/v1", vendor: "Vendor", commitments }),
    })
    .execute();
  await db
    .insertInto("probes")
    .values({
      id: probeId,
      workspace_id: workspaceId,
      vendor_id: vendorId,
      name: null,
      kind: "http",
      url: "https://vendor.example/health",
      interval_s: 60,
      jitter_s: 0,
      timeout_ms: 5000,
      retries: 0,
      regions: jsonb([]),
      config: jsonb({}),
      enabled: true,
      created_by: null,
    })
    .execute();
  return { workspaceId, vendorId, contractId, probeId };
}

/** Raw probe samples (the columns the availability side reads). */
export async function insertSamples(
  db: Kysely<Database>,
  ids: { workspaceId: string; probeId: string },
  samples: {
    at: Date;
    ok: boolean;
    region?: string;
    blocked?: boolean;
    skew_flagged?: boolean;
    error?: string | null;
  }[],
): Promise<void> {
  if (samples.length === 0) return;
  await db
    .insertInto("probe_samples")
    .values(
      samples.map((s) => ({
        workspace_id: ids.workspaceId,
        probe_id: ids.probeId,
        agent_id: null,
        batch_id: null,
        region: s.region ?? "sg",
        at: s.at,
        received_at: s.at,
        skew_flagged: s.skew_flagged ?? false,
        ok: s.ok,
        degraded: false,
        attempt: 1,
        status: s.ok ? 200 : 503,
        error: s.error !== undefined ? s.error : s.ok ? null : "unexpected status 503",
        total_ms: 40,
        sample: jsonb(s.blocked ? { blocked: true } : {}),
      })),
    )
    .execute();
}
