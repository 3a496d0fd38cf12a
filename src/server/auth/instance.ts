import type { FastifyRequest } from "fastify";
import { isInstanceAdmin } from "../../accounts/index.js";
import { ForbiddenError } from "../../errors/index.js";
import type { Principal } from "../principal.js";
import { requireUser } from "./require-member.js";

/**
 * The check of every instance-wide route (accounts, settings, export): a session login of an
 * instance admin. API tokens are bound to one workspace, so they never act on the instance.
 */
export async function requireInstanceAdmin(request: FastifyRequest): Promise<Principal> {
  const principal = requireUser(request);
  if (principal.via !== "session")
    throw new ForbiddenError("an api token is bound to one workspace; log in to manage the instance");
  if (!(await isInstanceAdmin(request.server.store.db, principal.userId)))
    throw new ForbiddenError("this needs the instance admin role");
  return principal;
}
