import type { MetricState } from "./sla-state";

export interface SlaSummary {
  state: "breached" | "at_risk" | "running" | "paused" | "met" | "none";
  due: string | null;
  breached: boolean;
  at_risk: boolean;
  breached_metrics: string[];
  /** When the first breach happened (ISO); null when nothing is breached. */
  breached_at: string | null;
  /** When the earliest running metric passes 75 % of its target (ISO); null when nothing is running. */
  at_75: string | null;
}
export interface Ticket {
  id: string;
  external_id: string | null;
  vendor_id: string | null;
  subject: string;
  severity: string;
  status: string;
  opened_at: string;
  version: number;
  policy_error: string | null;
  /** Where the SLA policy comes from: the ticket's own, its vendor's contract, or none. */
  policy_source?: "ticket" | "contract" | null;
  sla: SlaSummary | null;
}
export interface TicketEventRow {
  id: string;
  seq: number;
  type: string;
  at: string;
  severity: string | null;
  status: string | null;
  author: string | null;
  body: string | null;
}
export interface TicketDetail extends Ticket {
  /** The contract whose SLA policy times the ticket (policy_source "contract"). */
  contract_id?: string | null;
  events: TicketEventRow[];
  timeline: { severity: string; state: string; metrics: Record<string, MetricState | null> } | null;
}

/** Periods the clock stood still: from a pending/on_hold status to the next event that reopens the ticket. */
export function pausesOf(events: TicketEventRow[]): { from: string; to: string | null }[] {
  const out: { from: string; to: string | null }[] = [];
  let open: string | null = null;
  for (const e of events) {
    const pausing = e.type === "status" && (e.status === "pending" || e.status === "on_hold");
    if (pausing && open === null) open = e.at;
    else if (
      !pausing &&
      open !== null &&
      (e.type === "customer_reply" || e.type === "status" || e.type === "reopened" || e.type === "solved")
    ) {
      out.push({ from: open, to: e.at });
      open = null;
    }
  }
  if (open !== null) out.push({ from: open, to: null });
  return out;
}
