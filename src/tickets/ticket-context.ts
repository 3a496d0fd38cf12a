import { actorOf, type Ctx, type Db, requireRole } from "../context/index.js";
import type { Role } from "../store/index.js";

export type { Db } from "../context/index.js";

/** What the steps of a ticket verb share once its permission is checked: store, workspace, actor, time. */
export interface TicketContext {
  db: Db;
  workspaceId: string;
  /** The acting user (null for system work such as demo data). */
  actorId: string | null;
  now: Date;
}

/** A ticket verb's first step: the caller's role checked (requireRole), then the scope its steps use. */
export function ticketScope(ctx: Ctx, minRole: Role): TicketContext {
  const workspaceId = requireRole(ctx, minRole);
  return { db: ctx.db, workspaceId, actorId: actorOf(ctx), now: ctx.now };
}

/** `Date | string` from a row → ISO string. */
export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : iso(value);
}
