import type { FastifyRequest } from "fastify";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../errors/index.js";
import type { Role } from "../../store/index.js";
import type { Principal } from "../principal.js";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** The caller, or 401 (with the reason a presented credential was refused). */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError(request.authProblem ?? "authentication required");
  return request.principal;
}

/**
 * The one permission check every workspace route calls. Returns the caller's role, or throws:
 * anonymous → 401; not a member (or a token of another workspace) → 404, so other workspaces stay
 * invisible; role below `minRole` or a read-only token on a write → 403.
 */
export async function requireMember(
  request: FastifyRequest,
  workspaceId: string,
  minRole: Role,
): Promise<Role> {
  const principal = requireUser(request);
  if (principal.tokenWorkspaceId !== null && principal.tokenWorkspaceId !== workspaceId) {
    throw new NotFoundError("workspace", workspaceId);
  }
  // A token carries its role (read with the token); a session looks the membership up.
  const role =
    principal.tokenRole !== undefined
      ? principal.tokenRole
      : ((await request.server.authCache.roles.get(`${workspaceId}\u0000${principal.userId}`, async () => {
          const row = await request.server.store.db
            .selectFrom("memberships")
            .select("role")
            .where("workspace_id", "=", workspaceId)
            .where("user_id", "=", principal.userId)
            .executeTakeFirst();
          return row?.role ?? null;
        })) ?? null);
  if (!role) throw new NotFoundError("workspace", workspaceId);
  if (RANK[role] < RANK[minRole]) {
    throw new ForbiddenError(`this needs the ${minRole} role in the workspace; you are ${role}`);
  }
  if (principal.tokenScopes) {
    const needed = minRole === "viewer" ? "read" : "write";
    const ok =
      principal.tokenScopes.includes(needed) ||
      (needed === "read" && principal.tokenScopes.includes("write"));
    if (!ok) throw new ForbiddenError(`this api token lacks the ${needed} scope`);
  }
  return role;
}

/** True when `role` is at least `minRole`. */
export function roleAtLeast(role: Role, minRole: Role): boolean {
  return RANK[role] >= RANK[minRole];
}
