import { z } from "zod";
import { type Ctx, parseInput, type Verb } from "../context/index.js";
import { ForbiddenError, UnauthorizedError } from "../errors/index.js";
import { type Role, writeAudit } from "../store/index.js";
import { normalizeEmail } from "./accounts.js";
import { hashPassword, verifyPassword } from "./password.js";
import { checkNewPassword } from "./password-policy.js";
import { hashSecret } from "./secrets.js";
import { createSession, endSessions, type NewSession } from "./session-store.js";

export const LoginBody = z.object({ email: z.string().min(1), password: z.string().min(1) });
export const PasswordChange = z.object({
  current_password: z.string().min(1),
  new_password: z.string().min(1),
});
export const PasswordReset = z.object({ token: z.string().min(1), password: z.string().min(1) });

/** Failed-password backoff per address and email (the HTTP server's LoginThrottle). */
export interface PasswordGuard {
  retryAfterMs(ip: string, email: string, now: number): number;
  failed(ip: string, email: string, now: number): void;
  succeeded(email: string): void;
}

const DUMMY_HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function requireCaller(ctx: Ctx) {
  if (!ctx.caller) throw new UnauthorizedError("authentication required");
  return ctx.caller;
}

/** Account changes are made by the person at the keyboard: a session login, never an api token. */
export function requireSession(ctx: Ctx) {
  const caller = requireCaller(ctx);
  if (caller.via !== "session") throw new ForbiddenError("log in with your password to change your account");
  return caller;
}

function audit(ctx: Ctx, db: Ctx["db"], action: string, userId: string) {
  return writeAudit(db, {
    workspaceId: null,
    actorId: userId,
    action,
    entity: "user",
    entityId: userId,
    at: ctx.now,
  });
}

/**
 * The sign-in verbs. `guard` slows password guessing (per address and email); `sessionMs` is how
 * long a session lasts. Every verb that starts or ends sessions writes one audit row.
 */
export function accountVerbs(guard: PasswordGuard, sessionMs: () => number) {
  /** Checks email and password (the same time whether or not the email exists) and starts a session. */
  const login: Verb<
    z.input<typeof LoginBody> & { ip: string },
    { user: { id: string; email: string; name: string }; session: NewSession }
  > = async ({ ctx, input }) => {
    const body = parseInput("body", LoginBody, { email: input.email, password: input.password });
    const email = normalizeEmail(body.email);
    const at = ctx.now.getTime();
    const user = await ctx.db
      .selectFrom("users")
      .select(["id", "email", "name", "password_hash"])
      .where("email", "=", email)
      .executeTakeFirst();
    const ok = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) {
      guard.failed(input.ip, email, at);
      throw new UnauthorizedError("wrong email or password");
    }
    guard.succeeded(email);
    const session = await ctx.db.transaction().execute(async (trx) => {
      const s = await createSession(trx, user.id, ctx.now, sessionMs());
      await audit(ctx, trx, "login", user.id);
      return s;
    });
    return { user: { id: user.id, email: user.email, name: user.name }, session };
  };

  /** Changes the caller's password (needs the current one); their other sessions end. */
  const changePassword: Verb<
    z.input<typeof PasswordChange> & { ip: string; keep_session_hash?: string },
    void
  > = async ({ ctx, input }) => {
    const caller = requireSession(ctx);
    const body = parseInput("body", PasswordChange, {
      current_password: input.current_password,
      new_password: input.new_password,
    });
    const user = await ctx.db
      .selectFrom("users")
      .select(["id", "email", "name", "password_hash"])
      .where("id", "=", caller.userId)
      .executeTakeFirstOrThrow();
    // Guessing the current password from a stolen session counts as failed logins.
    const at = ctx.now.getTime();
    if (guard.retryAfterMs(input.ip, user.email, at) > 0)
      throw new UnauthorizedError("too many wrong passwords; try again later");
    if (!(await verifyPassword(body.current_password, user.password_hash))) {
      guard.failed(input.ip, user.email, at);
      throw new UnauthorizedError("current password is wrong");
    }
    checkNewPassword(body.new_password, [user.email, user.name], "body.new_password");
    const hash = await hashPassword(body.new_password);
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({ password_hash: hash, password_reset_hash: null, password_reset_expires_at: null })
        .where("id", "=", user.id)
        .execute();
      await endSessions(trx, user.id, input.keep_session_hash);
      await writeAudit(trx, {
        workspaceId: null,
        actorId: user.id,
        action: "change_password",
        entity: "user",
        entityId: user.id,
      });
    });
  };

  return { login, changePassword };
}

/** Ends the caller's session (the one whose cookie hash is given; a token has none to end). */
export const logout: Verb<{ session_hash?: string }, void> = async ({ ctx, input }) => {
  const caller = requireCaller(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (input.session_hash)
      await trx.deleteFrom("sessions").where("token_hash", "=", input.session_hash).execute();
    await audit(ctx, trx, "logout", caller.userId);
  });
};

/** Ends every session of the caller (log out everywhere). */
export const logoutEverywhere: Verb<Record<string, never>, void> = async ({ ctx }) => {
  const caller = requireSession(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await endSessions(trx, caller.userId);
    await audit(ctx, trx, "logout_all", caller.userId);
  });
};

/** Sets a new password with the one-time reset token an instance admin issued; every session ends. */
export const resetPassword: Verb<z.input<typeof PasswordReset>, void> = async ({ ctx, input }) => {
  const body = parseInput("body", PasswordReset, input);
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "email", "name", "password_reset_expires_at"])
    .where("password_reset_hash", "=", hashSecret(body.token))
    .executeTakeFirst();
  if (!user?.password_reset_expires_at || new Date(user.password_reset_expires_at) <= ctx.now)
    throw new UnauthorizedError(
      "reset token is not valid or has expired; ask an instance admin for a new one",
    );
  checkNewPassword(body.password, [user.email, user.name]);
  const hash = await hashPassword(body.password);
  await ctx.db.transaction().execute(async (trx) => {
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
};

/** The caller and their workspaces with roles (an API token: its own workspace only). */
export const whoAmI: Verb<
  Record<string, never>,
  {
    user: { id: string; email: string; name: string; instance_role: string };
    /** `language` is the workspace's default UI language (zh-CN | en). */
    workspaces: { id: string; name: string; role: Role; language: string }[];
  }
> = async ({ ctx }) => {
  const caller = requireCaller(ctx);
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "email", "name", "instance_role"])
    .where("id", "=", caller.userId)
    .executeTakeFirstOrThrow();
  let q = ctx.db
    .selectFrom("memberships")
    .innerJoin("workspaces", "workspaces.id", "memberships.workspace_id")
    .select(["workspaces.id", "workspaces.name", "memberships.role", "workspaces.language"])
    .where("memberships.user_id", "=", caller.userId);
  if (caller.token) q = q.where("workspaces.id", "=", caller.token.workspaceId);
  const workspaces = await q.orderBy("workspaces.created_at").execute();
  return { user, workspaces };
};
