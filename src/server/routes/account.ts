import type { FastifyPluginAsync } from "fastify";
import {
  accountVerbs,
  logoutEverywhere,
  PasswordChange,
  PasswordReset,
  requireSession,
  resetPassword,
  SESSION_COOKIE,
} from "../../accounts/index.js";
import { sessionHashOf } from "../auth/sessions.js";
import { instanceRoute } from "../workspace-route.js";

const tags = ["auth"];

/** POST /auth/password (change), /auth/logout-all, /auth/password-reset (complete an admin reset). */
export const routes: FastifyPluginAsync = async (app) => {
  const { changePassword } = accountVerbs(app.loginThrottle, () => app.sessionLifetime.absoluteMs);
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/auth/password",
      access: "user",
      tags,
      summary: "change your password (needs the current one); your other sessions end",
      body: PasswordChange,
      check: requireSession,
      input: ({ body, request }) => ({
        ...(body as { current_password: string; new_password: string }),
        ip: request.ip,
        keep_session_hash: sessionHashOf(request),
      }),
      status: 204,
      clearsAuthCache: true, // the ended sessions must not live on in the cache
    },
    changePassword,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/auth/logout-all",
      access: "user",
      tags,
      summary: "log out everywhere: ends every session of yours",
      clearsAuthCache: true,
      send: (reply) => reply.clearCookie(SESSION_COOKIE, { path: "/" }).status(204).send(),
    },
    logoutEverywhere,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/auth/password-reset",
      access: "anyone",
      tags,
      summary: "set a new password with the one-time reset token an instance admin issued",
      body: PasswordReset,
      status: 204,
      clearsAuthCache: true,
    },
    resetPassword,
  );
};
