import type { Kysely } from "kysely";
import { type ProbeDefinition, probesForRegion } from "../../probes/index.js";
import type { Database } from "../../store/index.js";

export interface ServerProbeSet {
  probes: ProbeDefinition[];
  /** Probe id → its workspace (samples are stored per workspace). */
  workspaceOf: Map<string, string>;
}

/**
 * Every enabled stored probe, in every workspace, that runs in `region` (a probe with no regions
 * runs everywhere, as for agents: `probesForRegion`).
 */
export async function loadServerProbeSet(db: Kysely<Database>, region: string): Promise<ServerProbeSet> {
  const workspaces = await db
    .selectFrom("probes")
    .select("workspace_id")
    .where("enabled", "=", true)
    .distinct()
    .orderBy("workspace_id")
    .execute();
  const probes: ProbeDefinition[] = [];
  const workspaceOf = new Map<string, string>();
  for (const { workspace_id } of workspaces) {
    for (const probe of await probesForRegion(db, workspace_id, region)) {
      probes.push(probe);
      workspaceOf.set(probe.id, workspace_id);
    }
  }
  return { probes, workspaceOf };
}
