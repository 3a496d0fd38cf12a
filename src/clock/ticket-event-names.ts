// The ticket event types and statuses, one source with no imports so that the web UI can take it
// too. The zod schema (ticket-event.ts), the CLI and the UI derive from it; migration 0200 wrote
// the same list into the store's CHECK constraint, and a test holds the two together.

export const TICKET_EVENT_TYPES = [
  "created",
  "agent_reply",
  "customer_reply",
  "status",
  "severity_changed",
  "solved",
  "reopened",
  "closed",
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const TICKET_STATUSES = ["open", "pending", "on_hold"] as const;
