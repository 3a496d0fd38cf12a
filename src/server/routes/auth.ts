import type { FastifyPluginAsync } from "fastify";
import {
  accountVerbs,
  LoginBody,
  logout,
  normalizeEmail,
  SESSION_COOKIE,
  whoAmI,
} from "../../accounts/index.js";
import { sessionHashOf, setSessionCookie } from "../auth/sessions.js";
import { instanceRoute } from "../workspace-route.js";

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

const tags = ["auth"];

/** POST /auth/login, POST /auth/logout, GET /me. */
export const routes: FastifyPluginAsync = async (app) => {
  const { login } = accountVerbs(app.loginThrottle, () => app.sessionLifetime.absoluteMs);
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/auth/login",
      access: "anyone",
      tags,
      summary: "log in with email and password: sets the ts_session cookie",
      body: LoginBody,
      options: {
        config: {
          rateLimit: {
            max: app.loginRateLimit,
            timeWindow: 60_000,
            hook: "preHandler",
            keyGenerator: loginKey,
          },
        },
      },
      input: ({ body, request, reply }) => {
        const { email, password } = body as { email: string; password: string };
        // Backoff first: a throttled address learns nothing about the password.
        const wait = app.loginThrottle.retryAfterMs(request.ip, normalizeEmail(email), app.now().getTime());
        if (wait > 0) {
          reply.header("retry-after", String(Math.ceil(wait / 1000)));
          throw throttled(wait);
        }
        return { email, password, ip: request.ip };
      },
      send: (reply, { user, session }, request) => {
        setSessionCookie(request, reply, session);
        return reply.send({ user, csrf_token: session.csrf });
      },
    },
    login,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/auth/logout",
      access: "user",
      tags,
      summary: "end the session",
      input: ({ request }) => ({ session_hash: sessionHashOf(request) }),
      clearsAuthCache: true,
      send: (reply) => reply.clearCookie(SESSION_COOKIE, { path: "/" }).status(204).send(),
    },
    logout,
  );
  instanceRoute(
    app,
    {
      method: "GET",
      path: "/me",
      access: "user",
      tags,
      summary: "the caller, their workspaces and roles, and the CSRF token",
      view: (me, request) => ({ ...me, csrf_token: request.sessionCsrf }),
    },
    whoAmI,
  );
};
