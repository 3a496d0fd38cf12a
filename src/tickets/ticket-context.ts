export type { Db } from "../context/index.js";

import type { Kysely } from "kysely";
import type { Database } from "../store/index.js";

/** What every ticket verb needs: the store, the workspace, who acts, and the time (always passed in). */
export interface TicketContext {
  db: Kysely<Database>;
  workspaceId: string;
  /** The acting user (null for system work such as demo data). */
  actorId: string | null;
  now: Date;
}

/** `Date | string` from a row → ISO string. */
export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : iso(value);
}
