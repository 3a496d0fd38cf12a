import { reviveTimestamps } from "../store/index.js";
import { PerDbCache } from "./per-db-cache.js";
import type { Db } from "./ticket-context.js";
import { type StoredTicketEvent, TICKET_TIMESTAMPS, type TicketRow } from "./ticket-view.js";

/** A ticket as this process last wrote it: the row and its events, valid while `row.version` is current. */
export interface TicketState {
  row: TicketRow;
  events: StoredTicketEvent[];
}

/** Tickets remembered per store; the oldest go first. */
const MAX_TICKETS = 10_000;
/** Tickets with longer histories are not kept (memory; they are rare and read fast enough). */
const MAX_EVENTS = 200;

/**
 * The state of the tickets this process wrote last, so that appending an event can skip reading the
 * ticket and its events. It is only a guess: the write that uses it is conditional on the ticket's
 * version (every writer of a ticket's events, policy or vendor bumps it), and a write that finds
 * another version forgets the guess and reads the ticket as if it had never been kept. So another
 * process, an import or an edit can never be overwritten from here; they only cost the read again.
 * Kept per Kysely instance: a transaction's writes stay out of the store's cache.
 *
 * Each ticket is kept as one JSON text and parsed again when used (about 1.8 KB of text where the
 * objects took 3.6 KB of heap, measured on tickets with two events). Thousands of remembered tickets
 * live in the old generation for as long as the server runs: as objects, every young collection that
 * promotes one copies some fifty objects and every major collection marks them all; as text, it is
 * one object each, which the collector copies whole and never looks into.
 */
const cache = new PerDbCache<string>(MAX_TICKETS);

const keyOf = (workspaceId: string, ticketId: string) => `${workspaceId}\u0000${ticketId}`;

export function cachedTicketState(db: Db, workspaceId: string, ticketId: string): TicketState | undefined {
  const text = cache.get(db, keyOf(workspaceId, ticketId));
  if (text === undefined) return undefined;
  const state = JSON.parse(text) as TicketState;
  reviveTimestamps(state.row as unknown as Record<string, unknown>, TICKET_TIMESTAMPS);
  return state;
}

export function rememberTicketState(db: Db, state: TicketState): void {
  const key = keyOf(state.row.workspace_id, state.row.id);
  if (state.events.length > MAX_EVENTS) cache.delete(db, key);
  else cache.set(db, key, JSON.stringify(state));
}

export function forgetTicketState(db: Db, workspaceId: string, ticketId: string): void {
  cache.delete(db, keyOf(workspaceId, ticketId));
}
