import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { hashSecret, normalizeEmail, SESSION_COOKIE, verifyPassword } from "../../accounts/index.js";
import { UnauthorizedError } from "../../errors/index.js";
import { requireUser } from "../auth/require-member.js";
import { startSession } from "../auth/sessions.js";
import { docs, parseBody } from "../validation.js";

export const LoginBody = z.object({ email: z.string().min(1), password: z.string().min(1) });

const DUMMY_HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function loginKey(request: { ip: string; body: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === "string" ? normalizeEmail(email) : ""}`;
}

/** A 429 problem with retry-after: the failed-login backoff (auth/login-throttle.ts). */
function throttled(retryAfterMs: number): Error {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return Object.assign(new Error(`too many failed logins; try again in ${seconds} s`), {
    statusCode: 429,
    code: "LOGIN_THROTTLED",
    retryAfter: seconds,
  });
}

/** POST /auth/login, POST /auth/logout, GET /me. */
export const routes: FastifyPluginAsync = async (app) => {
  app.post(
    "/auth/login",
    {
      schema: docs({
        tags: ["auth"],
        summary: "log in with email and password: sets the ts_session cookie",
        body: LoginBody,
        auth: false,
      }),
      config: {
        rateLimit: {
          max: app.loginRateLimit,
          timeWindow: 60_000,
          hook: "preHandler",
          keyGenerator: loginKey,
        },
      },
    },
    async (request, reply) => {
      const body = parseBody(LoginBody, request.body);
      const email = normalizeEmail(body.email);
      const at = app.now().getTime();
      const wait = app.loginThrottle.retryAfterMs(request.ip, email, at);
      if (wait > 0) {
        reply.header("retry-after", String(Math.ceil(wait / 1000)));
        throw throttled(wait);
      }
      const user = await app.store.db
        .selectFrom("users")
        .select(["id", "email", "name", "password_hash"])
        .where("email", "=", email)
        .executeTakeFirst();
      const ok = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) {
        app.loginThrottle.failed(request.ip, email, at);
        throw new UnauthorizedError("wrong email or password");
      }
      app.loginThrottle.succeeded(email);
      const csrf = await startSession(request, reply, user.id);
      return { user: { id: user.id, email: user.email, name: user.name }, csrf_token: csrf };
    },
  );

  app.post(
    "/auth/logout",
    { schema: docs({ tags: ["auth"], summary: "end the session" }) },
    async (request, reply) => {
      requireUser(request);
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie)
        await app.store.db.deleteFrom("sessions").where("token_hash", "=", hashSecret(cookie)).execute();
      app.authCache.clear();
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get(
    "/me",
    {
      schema: docs({ tags: ["auth"], summary: "the caller, their workspaces and roles, and the CSRF token" }),
    },
    async (request) => {
      const principal = requireUser(request);
      const user = await app.store.db
        .selectFrom("users")
        .select(["id", "email", "name", "instance_role"])
        .where("id", "=", principal.userId)
        .executeTakeFirstOrThrow();
      let q = app.store.db
        .selectFrom("memberships")
        .innerJoin("workspaces", "workspaces.id", "memberships.workspace_id")
        .select(["workspaces.id", "workspaces.name", "memberships.role"])
        .where("memberships.user_id", "=", principal.userId);
      if (principal.tokenWorkspaceId) q = q.where("workspaces.id", "=", principal.tokenWorkspaceId);
      const workspaces = await q.orderBy("workspaces.created_at").execute();
      return { user, workspaces, csrf_token: request.sessionCsrf };
    },
  );
};
