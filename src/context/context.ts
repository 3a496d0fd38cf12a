import type { Kysely, Transaction } from "kysely";
import { ForbiddenError, UnauthorizedError } from "../errors/index.js";
import type { Database, Role, Store, TokenScope } from "../store/index.js";

/** A handle that reads and writes: the store's Kysely instance or an open transaction. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Who asks: a signed-in user (session) or an API token, as the face authenticated it. */
export interface Caller {
  userId: string;
  via: "session" | "token" | "system";
  /** API token scopes; null for a session or the system, which have every scope. */
  scopes: TokenScope[] | null;
  /** For an API token: its id (tokens it mints record it as parent), workspace and expiry (null = never). */
  token?: { id: string; workspaceId: string; expiresAt: Date | null };
}

/**
 * What every verb receives besides its input: the store, who is asking, in which workspace with
 * which role, and the instant the action happens at (one `now` per action, injected in tests).
 * Faces (HTTP routes, CLI, demo seeding, jobs) build it; verbs never look at a request.
 */
export interface Ctx {
  store: Store;
  db: Db;
  caller: Caller | null;
  /** The workspace the action is in; null for instance-level actions (accounts, setup). */
  workspaceId: string | null;
  /** The caller's role in `workspaceId` (null = not a member or no workspace). */
  role: Role | null;
  now: Date;
}

/** A verb: one action of a domain, with its permission check, validation, audit row and view. */
export type Verb<I, O> = (args: { ctx: Ctx; input: I }) => Promise<O>;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/**
 * The permission check a verb makes first: a caller, a role at least `minRole` in the workspace,
 * and, for an API token, the scope the action needs (read for viewer actions, write otherwise).
 * Returns the workspace id, which is then known to be non-null.
 */
export function requireRole(ctx: Ctx, minRole: Role): string {
  if (!ctx.caller) throw new UnauthorizedError("authentication required");
  if (ctx.caller.via === "system") {
    if (!ctx.workspaceId) throw new ForbiddenError("this action needs a workspace");
    return ctx.workspaceId;
  }
  if (!ctx.workspaceId || !ctx.role) throw new ForbiddenError("you are not a member of this workspace");
  if (RANK[ctx.role] < RANK[minRole]) {
    throw new ForbiddenError(`this needs the ${minRole} role in the workspace; you are ${ctx.role}`);
  }
  if (ctx.caller.scopes) {
    const needed = minRole === "viewer" ? "read" : "write";
    const ok =
      ctx.caller.scopes.includes(needed) || (needed === "read" && ctx.caller.scopes.includes("write"));
    if (!ok) throw new ForbiddenError(`this api token lacks the ${needed} scope`);
  }
  return ctx.workspaceId;
}

/** A context for work the server does on its own (jobs, demo seeding): every permission, no user. */
export function systemCtx(store: Store, workspaceId: string | null, now: Date): Ctx {
  return {
    store,
    db: store.db,
    caller: { userId: "system", via: "system", scopes: null },
    workspaceId,
    role: "admin",
    now,
  };
}
