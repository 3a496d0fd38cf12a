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
 * Each ticket is kept as its JSON text encoded in UTF-8, outside the JavaScript heap, and parsed
 * again when used. The entries live for as long as the server runs and each write replaces its
 * ticket's one, so an entry is usually still alive at the next two young collections: it is copied,
 * then promoted into the old generation, which it fills until a major collection. As a string that
 * was about 1.7 KB of heap per entry (JSON.stringify answers a chain of pieces, which the next parse
 * flattens into a second copy); as bytes, it is about 380 bytes of heap (the typed array, the key
 * and the map entry) and the text outside, freed with the array. Measured on a ticket with two
 * events, 3,000 entries: bench:api replicas promote about a fifth less during the POST scenario.
 */
const cache = new PerDbCache<Uint8Array>(MAX_TICKETS);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const keyOf = (workspaceId: string, ticketId: string) => `${workspaceId}\u0000${ticketId}`;

export function cachedTicketState(db: Db, workspaceId: string, ticketId: string): TicketState | undefined {
  const bytes = cache.get(db, keyOf(workspaceId, ticketId));
  if (bytes === undefined) return undefined;
  const state = JSON.parse(decoder.decode(bytes)) as TicketState;
  reviveTimestamps(state.row as unknown as Record<string, unknown>, TICKET_TIMESTAMPS);
  return state;
}

export function rememberTicketState(db: Db, state: TicketState): void {
  const key = keyOf(state.row.workspace_id, state.row.id);
  if (state.events.length > MAX_EVENTS) cache.delete(db, key);
  else cache.set(db, key, encoder.encode(JSON.stringify(state)));
}

export function forgetTicketState(db: Db, workspaceId: string, ticketId: string): void {
  cache.delete(db, keyOf(workspaceId, ticketId));
}
