import type { Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import type { Observation } from "../observation.js";

/**
 * The evidence of a period: probe samples (of the given probes, or of every probe of the
 * contract's vendor) and the customer's imported request logs, sorted by time.
 */
export async function loadObservations(
  db: Kysely<Database>,
  q: {
    workspaceId: string;
    contractId: string;
    vendorId: string | null;
    probeIds: string[] | null;
    from: Date;
    to: Date;
  },
): Promise<Observation[]> {
  let probeIds = q.probeIds;
  if (!probeIds) {
    probeIds = q.vendorId
      ? (
          await db
            .selectFrom("probes")
            .select("id")
            .where("workspace_id", "=", q.workspaceId)
            .where("vendor_id", "=", q.vendorId)
            .execute()
        ).map((r) => r.id)
      : [];
  }
  const samples = probeIds.length
    ? await db
        .selectFrom("probe_samples")
        .select(["at", "ok", "status", "total_ms", "region"])
        .where("workspace_id", "=", q.workspaceId)
        .where("probe_id", "in", probeIds)
        .where("attempt", "=", 1) // retries never replace the scheduled try's failure
        .where("at", ">=", q.from)
        .where("at", "<", q.to)
        .execute()
    : [];
  const logs = await db
    .selectFrom("request_log_entries")
    .select(["at", "ok", "status", "latency_ms", "region"])
    .where("workspace_id", "=", q.workspaceId)
    .where("contract_id", "=", q.contractId)
    .where("at", ">=", q.from)
    .where("at", "<", q.to)
    .execute();
  const out: Observation[] = [
    ...samples.map((s) => ({
      t: new Date(s.at).getTime(),
      ok: s.ok,
      status: s.status,
      latency_ms: s.total_ms,
      region: s.region,
      source: "probe" as const,
    })),
    ...logs.map((l) => ({
      t: new Date(l.at).getTime(),
      ok: l.ok,
      status: l.status,
      latency_ms: l.latency_ms,
      region: l.region,
      source: "logs" as const,
    })),
  ];
  return out.sort((a, b) => a.t - b.t);
}
