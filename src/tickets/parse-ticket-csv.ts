import { CsvError, parse } from "csv-parse/sync";
import { InputError } from "../errors/index.js";
import { defaultSourceKey, type ImportRow } from "./import-row.js";
import { checkEventSequence, type TicketEventRecord } from "./ticket-event.js";

/** Columns a ticket CSV may have (see docs/ticket-import.md). */
export const TICKET_CSV_COLUMNS = [
  "external_id",
  "created_at",
  "severity",
  "subject",
  "event_type",
  "event_at",
  "event_severity",
  "event_status",
  "event_author",
  "event_body",
] as const;
type Column = (typeof TICKET_CSV_COLUMNS)[number];

/** Which CSV column an event field came from, so errors name what the user wrote. */
function columnOf(field: string, isCreated: boolean): string {
  if (field === "type") return "event_type";
  if (field === "at") return isCreated ? "created_at" : "event_at";
  if (field === "severity") return isCreated ? "severity" : "event_severity";
  if (field === "status") return "event_status";
  return `event_${field}`;
}

interface Pending {
  line: number;
  external_id: string;
  declare: ImportRow["declare"];
  raw: Record<string, unknown>[];
  lines: number[];
  createdFlags: boolean[];
}

/**
 * Parses a ticket CSV: a header row, then one row per ticket and/or event. A row with `created_at`
 * declares the ticket (its `created` event); a row with `event_type` adds one event; a row may do both.
 * Every problem is an InputError naming the file, the line and the column; nothing is returned partially.
 */
export function parseTicketCsv(text: string, source = "tickets.csv"): ImportRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    }) as never;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? null;
      throw new InputError(source, err.message.replace(/^Invalid [^:]*: /, "").toLowerCase(), line);
    }
    throw err;
  }
  if (records.length === 0)
    throw new InputError(source, "no rows after the header (expected external_id, created_at, …)");
  const header = Object.keys(records[0].record);
  for (const h of header) {
    if (!(TICKET_CSV_COLUMNS as readonly string[]).includes(h)) {
      throw new InputError(source, `unknown column "${h}" (expected: ${TICKET_CSV_COLUMNS.join(", ")})`, 1);
    }
  }
  if (!header.includes("external_id")) throw new InputError(source, `missing column "external_id"`, 1);

  const byTicket = new Map<string, Pending>();
  const order: { ticket: Pending; eventIndexes: number[] }[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const cell = (c: Column) => (record[c] ?? "").trim();
    const externalId = cell("external_id");
    if (!externalId) throw new InputError(source, "external_id: empty", line);
    if (externalId.length > 200)
      throw new InputError(source, "external_id: longer than 200 characters", line);
    let ticket = byTicket.get(externalId);
    const rowEvents: number[] = [];
    const createdAt = cell("created_at");
    if (createdAt) {
      if (ticket)
        throw new InputError(
          source,
          `created_at: ticket "${externalId}" was already declared on line ${ticket.line}`,
          line,
        );
      const severity = cell("severity");
      if (!severity)
        throw new InputError(source, "severity: empty (a row with created_at declares a ticket)", line);
      if (severity.length > 32) throw new InputError(source, "severity: longer than 32 characters", line);
      const subject = cell("subject");
      if (subject.length > 1000) throw new InputError(source, "subject: longer than 1000 characters", line);
      ticket = {
        line,
        external_id: externalId,
        declare: { subject, severity, created_at: createdAt },
        raw: [],
        lines: [],
        createdFlags: [],
      };
      byTicket.set(externalId, ticket);
      rowEvents.push(ticket.raw.length);
      ticket.raw.push({ type: "created", at: createdAt, severity });
      ticket.lines.push(line);
      ticket.createdFlags.push(true);
    }
    const eventType = cell("event_type");
    if (eventType) {
      if (!ticket)
        throw new InputError(
          source,
          `external_id: ticket "${externalId}" has no row with created_at before this event`,
          line,
        );
      const raw: Record<string, unknown> = { type: eventType, at: cell("event_at") };
      if (cell("event_severity")) raw.severity = cell("event_severity");
      if (cell("event_status")) raw.status = cell("event_status");
      if (cell("event_author")) raw.author = cell("event_author");
      if (cell("event_body")) raw.body = cell("event_body");
      rowEvents.push(ticket.raw.length);
      ticket.raw.push(raw);
      ticket.lines.push(line);
      ticket.createdFlags.push(false);
    }
    if (!ticket)
      throw new InputError(
        source,
        `row declares no ticket (created_at empty) and no event (event_type empty)`,
        line,
      );
    order.push({ ticket, eventIndexes: rowEvents });
  }

  const checked = new Map<Pending, TicketEventRecord[]>();
  for (const ticket of byTicket.values()) {
    const result = checkEventSequence(ticket.raw);
    if (!result.ok) {
      const { index, field, reason } = result.problem;
      throw new InputError(
        source,
        `${columnOf(field, ticket.createdFlags[index])}: ${reason}`,
        ticket.lines[index],
      );
    }
    checked.set(
      ticket,
      result.events.map((e) => ({ ...e, source_key: e.source_key ?? defaultSourceKey(e) })),
    );
  }

  return order.map(({ ticket, eventIndexes }, i) => {
    const events = checked.get(ticket) ?? [];
    const first = eventIndexes[0] === 0;
    return {
      line: records[i].info.lines,
      external_id: ticket.external_id,
      declare: first && ticket.declare ? { ...ticket.declare, created_at: events[0].at } : null,
      events: eventIndexes.map((k) => events[k]),
    };
  });
}
