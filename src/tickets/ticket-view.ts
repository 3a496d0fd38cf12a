import type { Selectable } from "kysely";
import type { Database } from "../store/index.js";
import type { SlaSummary } from "./sla-summary.js";
import { type Db, iso } from "./ticket-context.js";
import type { TicketEventRecord, TicketEventType, TicketStatusValue } from "./ticket-event.js";
import type { TicketSla } from "./ticket-sla.js";

export type TicketRow = Selectable<Database["tickets"]>;

/** The timestamp columns of tickets and of ticket events (revived from JSON-decoded rows). */
export const TICKET_TIMESTAMPS = [
  "opened_at",
  "last_event_at",
  "created_at",
  "updated_at",
  "sla_breach_at",
  "sla_risk_at",
] as const;
export const TICKET_EVENT_TIMESTAMPS = ["at", "created_at"] as const;
export type TicketEventRow = Selectable<Database["ticket_events"]>;

/** A ticket as the faces show it, with its live SLA state. */
export interface TicketView {
  id: string;
  external_id: string | null;
  vendor_id: string | null;
  subject: string;
  severity: string;
  status: string;
  opened_at: string;
  last_event_at: string;
  event_count: number;
  version: number;
  has_policy: boolean;
  policy_source: "ticket" | "contract" | null;
  policy_error: string | null;
  sla: SlaSummary | null;
  created_at: string;
  updated_at: string;
}

export interface StoredTicketEvent extends TicketEventRecord {
  id: string;
  seq: number;
  created_at: string;
}

export function toEventRecord(row: TicketEventRow): StoredTicketEvent {
  return {
    id: row.id,
    seq: row.seq,
    type: row.type as TicketEventType,
    at: iso(row.at),
    severity: row.severity,
    status: row.status as TicketStatusValue | null,
    author: row.author,
    body: row.body,
    source_key: row.source_key,
    created_at: iso(row.created_at),
  };
}

/** The columns a view is built from (lists select these and `has_policy` instead of the policy). */
export type TicketViewRow = Omit<TicketRow, "policy" | "workspace_id" | "import_id" | "created_by"> &
  ({ policy: unknown } | { has_policy: boolean });

export function toTicketView(row: TicketViewRow, sla: TicketSla): TicketView {
  return {
    id: row.id,
    external_id: row.external_id,
    vendor_id: row.vendor_id,
    subject: row.subject,
    severity: row.severity,
    status: row.status,
    opened_at: iso(row.opened_at),
    last_event_at: iso(row.last_event_at),
    event_count: row.event_count,
    version: row.version,
    has_policy: "has_policy" in row ? row.has_policy : row.policy != null,
    policy_source: sla.policy_source,
    policy_error: sla.policy_error,
    sla: sla.sla,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** Events of several tickets, in order, grouped by ticket id. */
export async function loadEvents(db: Db, ticketIds: string[]): Promise<Map<string, StoredTicketEvent[]>> {
  const out = new Map<string, StoredTicketEvent[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom("ticket_events")
    .selectAll()
    .where("ticket_id", "in", ticketIds)
    .orderBy("ticket_id")
    .orderBy("seq")
    .execute();
  for (const row of rows) {
    const list = out.get(row.ticket_id) ?? [];
    list.push(toEventRecord(row));
    out.set(row.ticket_id, list);
  }
  return out;
}
