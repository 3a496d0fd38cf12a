import { systemCtx } from "../context/index.js";
import type { Store } from "../store/index.js";
import { findVendorContract } from "./contract-terms.js";
import { createTicket } from "./create-ticket.js";

/** The policy demo tickets carry when no vendor contract has an `sla_policy` (24x7, in minutes). */
export const DEMO_POLICY = {
  name: "demo support policy",
  severities: {
    P1: { first_response: { minutes: 60 }, next_response: { minutes: 120 }, resolution: { minutes: 480 } },
    P2: { first_response: { minutes: 240 }, next_response: { minutes: 480 }, resolution: { minutes: 2880 } },
    P3: { first_response: { minutes: 1440 }, resolution: { minutes: 7200 } },
  },
};

const MIN = 60_000;

/** Demo tickets, each in a different SLA state as of `now` (minutes before now). */
const DEMO = [
  { id: "DEMO-1", subject: "Voice API returns 5xx in cn-east", severity: "P1", events: [["created", 20]] },
  { id: "DEMO-2", subject: "ASR latency above 2 s since 09:00", severity: "P1", events: [["created", 50]] },
  {
    id: "DEMO-3",
    subject: "Room event callbacks missing",
    severity: "P2",
    events: [
      ["created", 3 * 1440],
      ["agent_reply", 3 * 1440 - 360],
    ],
  },
  {
    id: "DEMO-4",
    subject: "Android SDK crash on join",
    severity: "P2",
    events: [
      ["created", 2 * 1440],
      ["agent_reply", 2 * 1440 - 60],
      ["status", 2 * 1440 - 90, "pending"],
    ],
  },
  {
    id: "DEMO-5",
    subject: "Usage export question",
    severity: "P3",
    events: [
      ["created", 5 * 1440],
      ["agent_reply", 5 * 1440 - 60],
      ["solved", 4 * 1440],
    ],
  },
] as const;

/**
 * Seeds a few tickets in different SLA states (running, at risk, breached, paused, met) for the
 * demo. Uses the first vendor of the workspace; its contract's `sla_policy` when it has one, else
 * `DEMO_POLICY` on each ticket. Idempotent: tickets already there (by external id) are skipped.
 */
export async function seedDemoTickets(store: Store, workspaceId: string, now: Date): Promise<number> {
  const db = store.db;
  const vendor = await db
    .selectFrom("vendors")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .executeTakeFirst();
  const contract = vendor ? await findVendorContract(db, workspaceId, vendor.id, now) : null;
  const useContract = contract?.slaPolicy != null;
  const ctx = systemCtx(store, workspaceId, now);
  let created = 0;
  for (const t of DEMO) {
    const exists = await db
      .selectFrom("tickets")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where("external_id", "=", t.id)
      .executeTakeFirst();
    if (exists) continue;
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MIN).toISOString();
    const [first, ...rest] = t.events;
    await createTicket({
      ctx,
      input: {
        external_id: t.id,
        vendor_id: vendor?.id ?? null,
        subject: t.subject,
        severity: t.severity,
        opened_at: at(first[1]),
        policy: useContract ? null : DEMO_POLICY,
        events: rest.map((e) => ({ type: e[0], at: at(e[1]), ...(e[2] ? { status: e[2] } : {}) })),
      },
    });
    created++;
  }
  return created;
}
