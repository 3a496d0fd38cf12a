import type { Ctx } from "./context.js";

/** The user an audit row or a `created_by` names: the caller, or null for the system (jobs, demo). */
export function actorOf(ctx: Ctx): string | null {
  return ctx.caller && ctx.caller.via !== "system" ? ctx.caller.userId : null;
}
