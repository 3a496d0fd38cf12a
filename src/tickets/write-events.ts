import { sql } from "kysely";
import { newId } from "../store/index.js";
import type { Db } from "./ticket-context.js";
import { type TicketEventRecord, ticketSeverityOf, ticketStatusOf } from "./ticket-event.js";

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
  const rows = list.flatMap((input) =>
    input.events.map((e, i) => ({
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
    })),
  );
  for (let i = 0; i < rows.length; i += CHUNK)
    await insertJsonRows(db, "ticket_events", rows.slice(i, i + CHUNK));
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

/**
 * Inserts many rows through one JSON parameter (json_populate_recordset): far cheaper than
 * thousands of bind parameters, on PGlite especially. Columns not given take NULL, so callers
 * pass every column that has no nullable default.
 */
export async function insertJsonRows(
  db: Db,
  table: "tickets" | "ticket_events",
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const list = sql.raw(columns.map((c) => `"${c}"`).join(", "));
  await sql`insert into ${sql.table(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
    db,
  );
}
