import type { FastifyRequest } from "fastify";
import { hashSecret, SESSION_COOKIE } from "../../accounts/index.js";
import { ForbiddenError } from "../../errors/index.js";
import type { TokenScope } from "../../store/index.js";
import type { TokenRecord } from "./auth-cache.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The onRequest hook: reads `Authorization: Bearer ts_…` or the `ts_session` cookie and sets
 * `request.principal`. A cookie-authenticated write must carry `x-csrf-token` (403 otherwise).
 * Bearer tokens that are not `ts_…` (probe agents) are left to their own routes.
 */
export async function authenticate(request: FastifyRequest): Promise<void> {
  request.principal = null;
  request.authProblem = null;
  request.sessionCsrf = null;
  const { db } = request.server.store;
  const now = request.server.now();
  const auth = request.headers.authorization;
  if (auth?.startsWith("Bearer ts_")) {
    const hash = hashSecret(auth.slice("Bearer ".length).trim());
    const row = await request.server.authCache.tokens.get(
      hash,
      () =>
        db
          .selectFrom("api_tokens")
          .leftJoin("memberships", (join) =>
            join
              .onRef("memberships.workspace_id", "=", "api_tokens.workspace_id")
              .onRef("memberships.user_id", "=", "api_tokens.user_id"),
          )
          .select([
            "api_tokens.id",
            "api_tokens.user_id",
            "api_tokens.workspace_id",
            "api_tokens.scopes",
            "api_tokens.expires_at",
            "api_tokens.revoked_at",
            "api_tokens.last_used_at",
            "memberships.role",
          ])
          .where("api_tokens.token_hash", "=", hash)
          .executeTakeFirst() as Promise<TokenRecord | undefined>,
    );
    if (!row) request.authProblem = "unknown api token";
    else if (row.revoked_at) request.authProblem = "api token revoked";
    else if (row.expires_at && new Date(row.expires_at) <= now) request.authProblem = "api token expired";
    else {
      request.principal = {
        userId: row.user_id,
        tokenScopes: row.scopes as TokenScope[],
        tokenWorkspaceId: row.workspace_id,
        tokenRole: row.role,
        tokenId: row.id,
        tokenExpiresAt: row.expires_at ? new Date(row.expires_at) : null,
        via: "token",
      };
      const last = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
      if (now.getTime() - last > LAST_USED_RESOLUTION_MS) {
        row.last_used_at = now; // the cached record too, so the next requests do not write again
        await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
      }
    }
    return;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return;
  const hash = hashSecret(cookie);
  const session = await request.server.authCache.sessions.get(hash, () =>
    db
      .selectFrom("sessions")
      .select(["user_id", "csrf_token", "expires_at", "last_seen_at"])
      .where("token_hash", "=", hash)
      .executeTakeFirst(),
  );
  const lastSeen = session ? new Date(session.last_seen_at).getTime() : 0;
  if (
    !session ||
    new Date(session.expires_at) <= now ||
    now.getTime() - lastSeen >= request.server.sessionLifetime.idleMs
  ) {
    request.authProblem = "session expired; log in again";
    return;
  }
  if (now.getTime() - lastSeen > LAST_USED_RESOLUTION_MS) {
    session.last_seen_at = now; // the cached record too, so the next requests do not write again
    await db.updateTable("sessions").set({ last_seen_at: now }).where("token_hash", "=", hash).execute();
  }
  request.principal = { userId: session.user_id, tokenScopes: null, tokenWorkspaceId: null, via: "session" };
  request.sessionCsrf = session.csrf_token;
  if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== session.csrf_token) {
    throw new ForbiddenError("missing or wrong x-csrf-token header for a cookie-authenticated write");
  }
}
