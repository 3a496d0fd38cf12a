import type { Role, Store } from "../store/index.js";
import type { Ctx } from "./context.js";

/** Tests: the context of a signed-in member `userId` with `role` in workspace `ws` (a session caller). */
export function memberCtx(store: Store, ws: string, userId: string, role: Role, now: Date): Ctx {
  return {
    store,
    db: store.db,
    caller: { userId, via: "session", scopes: null },
    workspaceId: ws,
    role,
    now,
  };
}
