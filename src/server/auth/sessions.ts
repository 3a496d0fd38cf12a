import type { FastifyReply, FastifyRequest } from "fastify";
import { hashSecret, randomSecret, SESSION_COOKIE } from "../../accounts/index.js";
import type { Db } from "../../context/index.js";
import { newId } from "../../store/index.js";

/** How long a session lives: at most `absoluteMs` after login, and `idleMs` after its last request. */
export interface SessionLifetime {
  absoluteMs: number;
  idleMs: number;
}

export const DEFAULT_SESSION_HOURS = 12;
export const DEFAULT_SESSION_IDLE_MINUTES = 120;

/** `sessions.last_seen_at` is written at most this often (one write a minute, not one a request). */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Whether the session cookie carries `Secure`: always, never, or when the request came over https. */
export type SecureCookies = boolean | "auto";

/** Creates a session for `userId`, sets the HttpOnly cookie, returns the CSRF token. */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<string> {
  const app = request.server;
  const token = randomSecret();
  const csrf = randomSecret(18);
  const now = app.now();
  const expires = new Date(now.getTime() + app.sessionLifetime.absoluteMs);
  await app.store.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  await app.store.db
    .insertInto("sessions")
    .values({
      id: newId(),
      user_id: userId,
      token_hash: hashSecret(token),
      csrf_token: csrf,
      created_at: now,
      expires_at: expires,
      last_seen_at: now,
    })
    .execute();
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: app.secureCookies === "auto" ? request.protocol === "https" : app.secureCookies,
    path: "/",
    expires,
  });
  return csrf;
}

/**
 * Ends every session of a user (all devices), except the one whose cookie hash is `keepHash`.
 * The caller clears `app.authCache` after its transaction commits.
 */
export async function endSessions(db: Db, userId: string, keepHash?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepHash) q = q.where("token_hash", "!=", keepHash);
  await q.execute();
}

/** The sha256 of the request's session cookie, if it has one. */
export function sessionHashOf(request: FastifyRequest): string | undefined {
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? hashSecret(cookie) : undefined;
}
