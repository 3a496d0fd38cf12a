import { parse } from "yaml";
import { jsonb, type Store } from "../../store/index.js";

export const CONTRACT_YAML = `schema: termsight.terms/v1
vendor: Vendor A
commitments:
  rca: { committed: true, deadline_hours: 72, contents: [cause, impact, timeline, prevention], evidence: [] }
  maintenance: { notice_hours: 72, window: null, evidence: [] }
sla_policy:
  name: vendor a support
  severities:
    P1: { first_response: { minutes: 60 }, next_response: { minutes: 120 }, resolution: { minutes: 480 } }
    P2: { first_response: { minutes: 240 }, resolution: { minutes: 2880 } }
`;

let n = 0;

/** A workspace with a user, a vendor (mail domain vendor-a.test) and its contract (SLA policy, RCA 72 h, notice 72 h). */
export async function seedWorkspace(store: Store, opts: { contract?: boolean } = {}) {
  const k = `${process.pid}-${++n}`;
  const userId = `u-${k}`;
  const workspaceId = `w-${k}`;
  const vendorId = `v-${k}`;
  await store.db
    .insertInto("users")
    .values({ id: userId, email: `${k}@acme.test`, name: "Ada", password_hash: "x" })
    .execute();
  await store.db
    .insertInto("workspaces")
    .values({ id: workspaceId, name: `ws ${k}` })
    .execute();
  await store.db
    .insertInto("memberships")
    .values({ workspace_id: workspaceId, user_id: userId, role: "admin" })
    .execute();
  await store.db
    .insertInto("vendors")
    .values({
      id: vendorId,
      workspace_id: workspaceId,
      name: "Vendor A",
      website: "https://www.vendor-a.test",
      notes: null,
    })
    .execute();
  if (opts.contract !== false) await insertContract(store, { id: `c-${k}`, workspaceId, vendorId });
  return { userId, workspaceId, vendorId, contractId: `c-${k}` };
}

/** Inserts the CONTRACT_YAML contract ("Vendor A 2026", valid from 2026-01-01) for a vendor. */
export async function insertContract(
  store: Store,
  c: { id: string; workspaceId: string; vendorId: string },
): Promise<void> {
  await store.db
    .insertInto("contracts")
    .values({
      id: c.id,
      workspace_id: c.workspaceId,
      vendor_id: c.vendorId,
      name: "Vendor A 2026",
      terms_yaml: CONTRACT_YAML,
      terms: jsonb(parse(CONTRACT_YAML)),
      valid_from: "2026-01-01",
      valid_to: null,
    })
    .execute();
}
