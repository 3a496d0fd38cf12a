// What a verb knows about the action it performs: store, caller, workspace, role and `now`.
export { actorOf } from "./actor.js";
export { type Caller, type Ctx, type Db, requireRole, systemCtx, type Verb } from "./context.js";
export { FileResult } from "./file-result.js";
export { parseInput } from "./parse-input.js";
