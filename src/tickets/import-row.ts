import type { TicketEventRecord } from "./ticket-event.js";

/** The ticket a row declares (its first row in the file): creates it unless it already exists. */
export interface TicketDeclaration {
  subject: string;
  severity: string;
  created_at: string;
}

/**
 * One unit of an import: a CSV row, a JSON ticket or an email. Imports commit rows in batches,
 * so a batch is a whole number of rows. `events` are in chronological order and carry `source_key`
 * so re-running an import inserts nothing twice.
 */
export interface ImportRow {
  /** 1-based line (CSV), index (JSON) or message number (.eml) for messages and progress. */
  line: number;
  external_id: string;
  declare: TicketDeclaration | null;
  events: TicketEventRecord[];
  /** Email only: ids of messages this thread replies to that are not in the import (matched in the store). */
  attach_refs?: string[];
  /** Email only: what the first message becomes when the thread joins an existing ticket. */
  attach_type?: "agent_reply" | "customer_reply";
}

export type ImportFormat = "csv" | "json" | "eml";

/** The idempotency key of an event without one of its own. */
export function defaultSourceKey(e: { type: string; at: string }): string {
  return `${e.type}@${e.at}`;
}
