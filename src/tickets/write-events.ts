import { newId } from "../store/index.js";
import { type TicketEventRecord, ticketSeverityOf, ticketStatusOf } from "./ticket-event.js";
import type { Db } from "./ticket-context.js";

const CHUNK = 1000;

export interface EventsOfTicket {
  workspaceId: string;
  ticketId: string;
  startSeq: number;
  events: TicketEventRecord[];
  actorId: string | null;
}

/** Inserts events with consecutive `seq` from `startSeq`. */
export async function insertTicketEvents(db: Db, input: EventsOfTicket): Promise<void> {
  await insertManyTicketEvents(db, [input]);
}

/** Inserts the events of several tickets in few statements (imports). */
export async function insertManyTicketEvents(db: Db, list: EventsOfTicket[]): Promise<void> {
  const rows = list.flatMap((input) => input.events.map((e, i) => ({
    id: newId(),
    workspace_id: input.workspaceId,
    ticket_id: input.ticketId,
    seq: input.startSeq + i,
    type: e.type,
    at: e.at,
    severity: e.severity,
    status: e.status,
    author: e.author,
    body: e.body,
    source_key: e.source_key,
    created_by: input.actorId,
  })));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto("ticket_events").values(rows.slice(i, i + CHUNK)).execute();
  }
}

/** The ticket columns that follow from its whole event list. */
export function ticketFieldsOf(events: TicketEventRecord[]) {
  return {
    status: ticketStatusOf(events),
    severity: ticketSeverityOf(events) ?? "",
    opened_at: events[0]?.at ?? new Date(0).toISOString(),
    last_event_at: events[events.length - 1]?.at ?? new Date(0).toISOString(),
    event_count: events.length,
  };
}
