import type { FastifyReply, FastifyRequest } from "fastify";
import { hashSecret, type NewSession, SESSION_COOKIE } from "../../accounts/index.js";

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

/** Sets the HttpOnly session cookie of a session the login verb started. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  const app = request.server;
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: app.secureCookies === "auto" ? request.protocol === "https" : app.secureCookies,
    path: "/",
    expires: session.expires,
  });
}

/** The sha256 of the request's session cookie, if it has one. */
export function sessionHashOf(request: FastifyRequest): string | undefined {
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? hashSecret(cookie) : undefined;
}
