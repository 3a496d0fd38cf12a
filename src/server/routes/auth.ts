import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { UnauthorizedError } from "../../errors/index.js";
import { newId } from "../../store/index.js";
import { normalizeEmail } from "../auth/accounts.js";
import { verifyPassword } from "../auth/password.js";
import { requireUser } from "../auth/require-member.js";
import { hashSecret, randomSecret, SESSION_COOKIE, SESSION_DAYS } from "../auth/secrets.js";
import { docs, parseBody } from "../validation.js";

export const LoginBody = z.object({ email: z.string().min(1), password: z.string().min(1) });

const DUMMY_HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function loginKey(request: { ip: string; body: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === "string" ? normalizeEmail(email) : ""}`;
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
      const user = await app.store.db
        .selectFrom("users")
        .select(["id", "email", "name", "password_hash"])
        .where("email", "=", normalizeEmail(body.email))
        .executeTakeFirst();
      const ok = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) throw new UnauthorizedError("wrong email or password");
      const token = randomSecret();
      const csrf = randomSecret(18);
      const now = app.now();
      const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
      await app.store.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
      await app.store.db
        .insertInto("sessions")
        .values({
          id: newId(),
          user_id: user.id,
          token_hash: hashSecret(token),
          csrf_token: csrf,
          created_at: now,
          expires_at: expires,
        })
        .execute();
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        path: "/",
        expires,
      });
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
        .select(["id", "email", "name"])
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
