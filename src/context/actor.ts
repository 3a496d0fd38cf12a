import type { Ctx } from "./context.js";

/**
 * The user id an audit row or a `created_by` column records for this action: null for the system
 * (jobs, demo seeding) and for anonymous callers, since those columns reference users.
 */
export function actorIdOf(ctx: Ctx): string | null {
  if (!ctx.caller || ctx.caller.via === "system") return null;
  return ctx.caller.userId;
}
