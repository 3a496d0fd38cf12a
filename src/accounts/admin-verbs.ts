import { z } from "zod";
import { actorOf, type Ctx, parseInput, type Verb } from "../context/index.js";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from "../errors/index.js";
import { type Page, PageQuery, paginate, toPage, writeAudit } from "../store/index.js";
import {
  InstanceSettings,
  isInstanceAdmin,
  readInstanceSettings,
  writeInstanceSettings,
} from "./instance-settings.js";
import { hashPassword } from "./password.js";
import { hashSecret, randomSecret } from "./secrets.js";
import { endSessions } from "./session-store.js";

/** An admin-issued reset token works this long. */
export const RESET_TOKEN_HOURS = 24;
export const UserPatch = z.object({ instance_role: z.enum(["admin", "member"]) });
const UserId = z.object({ id: z.string().min(1) });

/**
 * The check of every instance-wide verb (accounts, settings, export): a session of an instance
 * admin (or the system). API tokens are bound to one workspace, so they never act on the instance.
 */
export async function requireInstanceAdmin(ctx: Ctx): Promise<void> {
  if (!ctx.caller) throw new UnauthorizedError("authentication required");
  if (ctx.caller.via === "system") return;
  if (ctx.caller.via !== "session")
    throw new ForbiddenError("an api token is bound to one workspace; log in to manage the instance");
  if (!(await isInstanceAdmin(ctx.db, ctx.caller.userId)))
    throw new ForbiddenError("this needs the instance admin role");
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  instance_role: string;
  created_at: Date;
}

/** Every account of the instance, newest first. */
export const listUsers: Verb<z.input<typeof PageQuery>, Page<UserView>> = async ({ ctx, input }) => {
  await requireInstanceAdmin(ctx);
  const page = parseInput("input", PageQuery, input);
  const rows = await paginate(
    ctx.db.selectFrom("users").select(["id", "email", "name", "instance_role", "created_at"]),
    page,
  ).execute();
  return toPage(rows, page);
};

/** Makes an account instance admin or member; the instance keeps at least one admin. */
export const setInstanceRole: Verb<
  { id: string } & z.input<typeof UserPatch>,
  { id: string; instance_role: "admin" | "member" }
> = async ({ ctx, input }) => {
  await requireInstanceAdmin(ctx);
  const { id, instance_role } = parseInput("input", UserPatch.extend(UserId.shape), input);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "instance_role"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw new NotFoundError("user", id);
    if (user.instance_role === "admin" && instance_role !== "admin") {
      const admins = await trx
        .selectFrom("users")
        .select("id")
        .where("instance_role", "=", "admin")
        .execute();
      if (admins.length <= 1) throw new ConflictError("the instance keeps at least one instance admin");
    }
    await trx.updateTable("users").set({ instance_role }).where("id", "=", id).execute();
    await writeAudit(trx, {
      workspaceId: null,
      actorId: actorOf(ctx),
      action: "update",
      entity: "user",
      entityId: id,
      details: { instance_role: { from: user.instance_role, to: instance_role } },
    });
    return { id, instance_role };
  });
};

/**
 * Resets an account's password: the old password and every session stop working; answers a
 * one-time reset token (24 h) to hand to the user.
 */
export const issuePasswordReset: Verb<
  { id: string },
  { user_id: string; token: string; expires_at: string }
> = async ({ ctx, input }) => {
  await requireInstanceAdmin(ctx);
  const { id } = parseInput("input", UserId, input);
  const token = randomSecret(24);
  const expires = new Date(ctx.now.getTime() + RESET_TOKEN_HOURS * 3_600_000);
  // A fresh random password nobody knows, so login takes the usual time and fails.
  const lockedHash = await hashPassword(randomSecret(32));
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("users")
      .set({
        password_hash: lockedHash,
        password_reset_hash: hashSecret(token),
        password_reset_expires_at: expires,
      })
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError("user", id);
    await endSessions(trx, id);
    await writeAudit(trx, {
      workspaceId: null,
      actorId: actorOf(ctx),
      action: "reset_password",
      entity: "user",
      entityId: id,
      details: { expires_at: expires.toISOString() },
    });
  });
  return { user_id: id, token, expires_at: expires.toISOString() };
};

export const getInstanceSettings: Verb<Record<string, never>, InstanceSettings> = async ({ ctx }) => {
  await requireInstanceAdmin(ctx);
  return readInstanceSettings(ctx.db);
};

/** Changes instance settings, e.g. who may create workspaces. */
export const putInstanceSettings: Verb<InstanceSettings, InstanceSettings> = async ({ ctx, input }) => {
  await requireInstanceAdmin(ctx);
  const body = parseInput("input", InstanceSettings, input);
  await ctx.db.transaction().execute(async (trx) => {
    await writeInstanceSettings(trx, body);
    await writeAudit(trx, {
      workspaceId: null,
      actorId: actorOf(ctx),
      action: "update",
      entity: "instance_settings",
      entityId: null,
      details: body,
    });
  });
  return body;
};
