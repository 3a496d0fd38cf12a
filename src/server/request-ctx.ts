import type { FastifyRequest } from "fastify";
import type { Caller, Ctx } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import type { Role } from "../store/index.js";

/**
 * The verb context for one request in workspace `ws` (null for instance-level routes): the caller
 * from the authentication hook and their role read once (cached a few seconds). A non-member, or a
 * token of another workspace, gets 404 so other workspaces stay invisible; the verb itself checks
 * the role and scope it needs (context/requireRole).
 */
export async function requestCtx(request: FastifyRequest, ws: string | null): Promise<Ctx> {
  const principal = request.principal;
  const base = {
    store: request.server.store,
    db: request.server.store.db,
    now: request.server.now(),
  };
  if (!principal) return { ...base, caller: null, workspaceId: ws, role: null };
  const caller: Caller = { userId: principal.userId, via: principal.via, scopes: principal.tokenScopes };
  if (principal.via === "token" && principal.tokenId && principal.tokenWorkspaceId)
    caller.token = {
      id: principal.tokenId,
      workspaceId: principal.tokenWorkspaceId,
      expiresAt: principal.tokenExpiresAt ?? null,
    };
  if (ws === null) return { ...base, caller, workspaceId: null, role: null };
  if (principal.tokenWorkspaceId !== null && principal.tokenWorkspaceId !== ws) {
    throw new NotFoundError("workspace", ws);
  }
  const role: Role | null =
    principal.tokenRole !== undefined
      ? principal.tokenRole
      : ((await request.server.authCache.roles.get(`${ws}\u0000${principal.userId}`, async () => {
          const row = await request.server.store.db
            .selectFrom("memberships")
            .select("role")
            .where("workspace_id", "=", ws)
            .where("user_id", "=", principal.userId)
            .executeTakeFirst();
          return row?.role ?? null;
        })) ?? null);
  if (!role) throw new NotFoundError("workspace", ws);
  return { ...base, caller, workspaceId: ws, role };
}
