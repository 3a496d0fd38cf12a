import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  checkNewPassword,
  hashPassword,
  hashSecret,
  SESSION_COOKIE,
  verifyPassword,
} from "../../accounts/index.js";
import { ForbiddenError, UnauthorizedError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { requireUser } from "../auth/require-member.js";
import { endSessions, sessionHashOf } from "../auth/sessions.js";
import { docs, parseBody } from "../validation.js";

export const PasswordChange = z.object({
  current_password: z.string().min(1),
  new_password: z.string().min(1),
});
export const PasswordReset = z.object({ token: z.string().min(1), password: z.string().min(1) });

/** Account changes are made by the person at the keyboard: a session login, never an api token. */
function requireSession(request: FastifyRequest) {
  const principal = requireUser(request);
  if (principal.via !== "session")
    throw new ForbiddenError("log in with your password to change your account");
  return principal;
}

/** POST /auth/password (change), /auth/logout-all, /auth/password-reset (complete an admin reset). */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.post(
    "/auth/password",
    {
      schema: docs({
        tags: ["auth"],
        summary: "change your password (needs the current one); your other sessions end",
        body: PasswordChange,
      }),
    },
    async (request, reply) => {
      const principal = requireSession(request);
      const body = parseBody(PasswordChange, request.body);
      const user = await db
        .selectFrom("users")
        .select(["id", "email", "name", "password_hash"])
        .where("id", "=", principal.userId)
        .executeTakeFirstOrThrow();
      // Guessing the current password from a stolen session counts as failed logins.
      const at = app.now().getTime();
      if (app.loginThrottle.retryAfterMs(request.ip, user.email, at) > 0)
        throw new UnauthorizedError("too many wrong passwords; try again later");
      if (!(await verifyPassword(body.current_password, user.password_hash))) {
        app.loginThrottle.failed(request.ip, user.email, at);
        throw new UnauthorizedError("current password is wrong");
      }
      checkNewPassword(body.new_password, [user.email, user.name], "body.new_password");
      const hash = await hashPassword(body.new_password);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ password_hash: hash, password_reset_hash: null, password_reset_expires_at: null })
          .where("id", "=", user.id)
          .execute();
        await endSessions(trx, user.id, sessionHashOf(request));
        await writeAudit(trx, {
          workspaceId: null,
          actorId: user.id,
          action: "change_password",
          entity: "user",
          entityId: user.id,
        });
      });
      app.authCache.clear(); // after the commit: the ended sessions must not live on in the cache
      return reply.status(204).send();
    },
  );

  app.post(
    "/auth/logout-all",
    { schema: docs({ tags: ["auth"], summary: "log out everywhere: ends every session of yours" }) },
    async (request, reply) => {
      const principal = requireSession(request);
      await endSessions(db, principal.userId);
      app.authCache.clear();
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.post(
    "/auth/password-reset",
    {
      schema: docs({
        tags: ["auth"],
        summary: "set a new password with the one-time reset token an instance admin issued",
        body: PasswordReset,
        auth: false,
      }),
    },
    async (request, reply) => {
      const body = parseBody(PasswordReset, request.body);
      const now = app.now();
      const user = await db
        .selectFrom("users")
        .select(["id", "email", "name", "password_reset_expires_at"])
        .where("password_reset_hash", "=", hashSecret(body.token))
        .executeTakeFirst();
      if (!user?.password_reset_expires_at || new Date(user.password_reset_expires_at) <= now)
        throw new UnauthorizedError(
          "reset token is not valid or has expired; ask an instance admin for a new one",
        );
      checkNewPassword(body.password, [user.email, user.name]);
      const hash = await hashPassword(body.password);
      await db.transaction().execute(async (trx) => {
        // Conditional on the token, so two uses of one token set one password.
        const r = await trx
          .updateTable("users")
          .set({ password_hash: hash, password_reset_hash: null, password_reset_expires_at: null })
          .where("id", "=", user.id)
          .where("password_reset_hash", "=", hashSecret(body.token))
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new UnauthorizedError("reset token is not valid");
        await endSessions(trx, user.id);
        await writeAudit(trx, {
          workspaceId: null,
          actorId: user.id,
          action: "reset_password",
          entity: "user",
          entityId: user.id,
        });
      });
      app.authCache.clear();
      return reply.status(204).send();
    },
  );
};
