import { z } from "zod";
import { InputError } from "../errors/index.js";

import { TICKET_EVENT_TYPES, TICKET_STATUSES } from "./ticket-event-names.js";

export { TICKET_EVENT_TYPES, TICKET_STATUSES };

/** One ticket event (the JSON a CLI user or an integration sends). `at` is an ISO instant with offset. */
export const TicketEvent = z.object({
  type: z.enum(TICKET_EVENT_TYPES),
  at: z.string(),
  severity: z.string().optional(),
  status: z.enum(TICKET_STATUSES).optional(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

/**
 * Checks the shape of an events array (a list, or `{ events: [...] }`) with messages that name the
 * event index and field. Order and meaning are checked by `replayTimeline`.
 */
export function parseTicketEvents(raw: unknown, source: string): TicketEvent[] {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.events) ? raw.events : null;
  if (!list) throw new InputError(source, 'expected a JSON list of events (or { "events": [...] })');
  return list.map((item, i) => {
    const parsed = TicketEvent.safeParse(item);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? `.${issue.path.join(".")}` : "";
    const value = isRecord(item) && issue.path.length === 1 ? item[String(issue.path[0])] : undefined;
    const shown = value === undefined ? "" : ` ${JSON.stringify(value)}`;
    const expected =
      issue.path[0] === "type"
        ? `unknown event type (expected one of: ${TICKET_EVENT_TYPES.join(", ")})`
        : issue.path[0] === "status"
          ? `unknown status (expected one of: ${TICKET_STATUSES.join(", ")})`
          : issue.message.toLowerCase();
    throw new InputError(source, `events[${i}]${field}${shown}: ${expected}`);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
