import { sql } from "kysely";
import { z } from "zod";
import { createInvitation, type IssuedInvitation, normalizeEmail } from "../accounts/index.js";
import { actorOf, type Db, parseInput, requireRole, type Verb } from "../context/index.js";
import { ConflictError, NotFoundError } from "../errors/index.js";
import { type Page, type Role, writeAudit } from "../store/index.js";

const RoleEnum = z.enum(["admin", "editor", "viewer"]);
export const MemberCreate = z.object({ email: z.email(), role: RoleEnum });
export const MemberPatch = z.object({ role: RoleEnum });
const MemberId = z.object({ userId: z.string().min(1) });

export interface MemberView {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
}

async function adminCount(db: Db, ws: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("workspace_id", "=", ws)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The current role of a member, locked for the change (404 when not a member). */
async function lockMember(db: Db, ws: string, userId: string): Promise<Role> {
  const current = await db
    .selectFrom("memberships")
    .select("role")
    .where("workspace_id", "=", ws)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new NotFoundError("member", userId);
  return current.role;
}

/** Members and their roles, oldest first (one page: a workspace has few members). */
export const listMembers: Verb<Record<string, never>, Page<MemberView>> = async ({ ctx }) => {
  const ws = requireRole(ctx, "viewer");
  const items = await ctx.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id as user_id",
      "users.email",
      "users.name",
      "memberships.role",
      "memberships.created_at",
    ])
    .where("memberships.workspace_id", "=", ws)
    .orderBy("memberships.created_at")
    .execute();
  return { items, next_cursor: null };
};

/**
 * Invites an email (admin): a one-time token (7 days) whether or not the email has an account;
 * 409 when it is already a member (members are listed to every member, so this reveals nothing).
 */
export const inviteMember: Verb<z.input<typeof MemberCreate>, IssuedInvitation> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "admin");
  const body = parseInput("input", MemberCreate, input);
  return ctx.db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("memberships.role")
      .where("memberships.workspace_id", "=", ws)
      .where("users.email", "=", normalizeEmail(body.email))
      .executeTakeFirst();
    if (member) throw new ConflictError(`${normalizeEmail(body.email)} is already a member (${member.role})`);
    const inv = await createInvitation(trx, {
      workspaceId: ws,
      email: body.email,
      role: body.role,
      invitedBy: actorOf(ctx),
      now: ctx.now,
    });
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "invite",
      entity: "invitation",
      entityId: inv.id,
      details: { email: inv.email, role: inv.role },
    });
    return inv;
  });
};

/** Changes a member's role (admin); a workspace keeps at least one admin. */
export const changeMemberRole: Verb<
  { userId: string; role: Role },
  { user_id: string; role: Role }
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "admin");
  const { userId, role } = parseInput("input", MemberPatch.extend(MemberId.shape), input);
  return ctx.db.transaction().execute(async (trx) => {
    const from = await lockMember(trx, ws, userId);
    if (from === "admin" && role !== "admin" && (await adminCount(trx, ws)) <= 1)
      throw new ConflictError("a workspace keeps at least one admin");
    await trx
      .updateTable("memberships")
      .set({ role })
      .where("workspace_id", "=", ws)
      .where("user_id", "=", userId)
      .execute();
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "update",
      entity: "member",
      entityId: userId,
      details: { from, to: role },
    });
    return { user_id: userId, role };
  });
};

/** Removes a member (admin) and revokes their tokens for this workspace; one admin stays. */
export const removeMember: Verb<{ userId: string }, void> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "admin");
  const { userId } = parseInput("input", MemberId, input);
  await ctx.db.transaction().execute(async (trx) => {
    const role = await lockMember(trx, ws, userId);
    if (role === "admin" && (await adminCount(trx, ws)) <= 1)
      throw new ConflictError("a workspace keeps at least one admin");
    await trx
      .deleteFrom("memberships")
      .where("workspace_id", "=", ws)
      .where("user_id", "=", userId)
      .execute();
    await trx
      .updateTable("api_tokens")
      .set({ revoked_at: ctx.now })
      .where("workspace_id", "=", ws)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "delete",
      entity: "member",
      entityId: userId,
      details: { role },
    });
  });
};
