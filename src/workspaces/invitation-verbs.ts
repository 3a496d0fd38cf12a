import { z } from "zod";
import { addMembership, checkNewPassword, createUser, findPendingInvitation } from "../accounts/index.js";
import { actorOf, parseInput, requireRole, type Verb } from "../context/index.js";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthorizedError,
} from "../errors/index.js";
import { type Page, type Role, writeAudit } from "../store/index.js";

/** Only when the invitee has no account yet: the account to create with the invited email. */
export const InvitationAccept = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(1).optional(),
});
const InvitationToken = z.object({ token: z.string().min(1).max(200) });
const InvitationId = z.object({ id: z.string().min(1) });

const notFound = () =>
  new NotFoundError("invitation", "of this link (it may have expired, been used or revoked)");

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
}

/** Pending invitations of the workspace (admin), newest first. */
export const listInvitations: Verb<Record<string, never>, Page<InvitationView>> = async ({ ctx }) => {
  const ws = requireRole(ctx, "admin");
  const items = await ctx.db
    .selectFrom("invitations")
    .select(["id", "email", "role", "invited_by", "created_at", "expires_at"])
    .where("workspace_id", "=", ws)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", ctx.now)
    .orderBy("created_at", "desc")
    .execute();
  return { items, next_cursor: null };
};

/** Revokes a pending invitation (admin). */
export const revokeInvitation: Verb<{ id: string }, void> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "admin");
  const { id } = parseInput("input", InvitationId, input);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("invitations")
      .set({ revoked_at: ctx.now })
      .where("id", "=", id)
      .where("workspace_id", "=", ws)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError("invitation", id);
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "revoke",
      entity: "invitation",
      entityId: id,
    });
  });
};

/** What a pending invitation is for (workspace, email, role), for the invitee holding its token. */
export const showInvitation: Verb<
  { token: string },
  { workspace: { id: string; name: string }; email: string; role: Role; expires_at: Date }
> = async ({ ctx, input }) => {
  const { token } = parseInput("input", InvitationToken, input);
  const inv = await findPendingInvitation(ctx.db, token, ctx.now);
  if (!inv) throw notFound();
  return {
    workspace: { id: inv.workspace_id, name: inv.workspace_name },
    email: inv.email,
    role: inv.role,
    expires_at: inv.expires_at,
  };
};

/**
 * Accepts an invitation: signed in (a session) as the invited email, or anonymously with a name
 * and password that create the invited account. The token is claimed once.
 */
export const acceptInvitation: Verb<
  { token: string } & z.input<typeof InvitationAccept>,
  {
    workspace: { id: string; name: string };
    role: Role;
    user: { id: string; email: string; name: string };
    account_created: boolean;
  }
> = async ({ ctx, input }) => {
  const { token, ...body } = parseInput("input", InvitationAccept.extend(InvitationToken.shape), input);
  const caller = ctx.caller;
  if (caller && caller.via !== "session")
    throw new ForbiddenError("accept an invitation with a session login, not an api token");
  return ctx.db.transaction().execute(async (trx) => {
    const inv = await findPendingInvitation(trx, token, ctx.now);
    if (!inv) throw notFound();
    const existing = await trx
      .selectFrom("users")
      .select(["id", "email", "name"])
      .where("email", "=", inv.email)
      .executeTakeFirst();
    let user = existing;
    if (caller) {
      if (!existing || existing.id !== caller.userId)
        throw new ForbiddenError("this invitation is for another email; log in with the invited account");
    } else if (existing) {
      throw new UnauthorizedError(`log in as ${inv.email} to accept this invitation`);
    } else {
      if (!body.name || !body.password)
        throw new InputError("body", "give name and password to create the invited account");
      checkNewPassword(body.password, [inv.email, body.name]);
      user = await createUser(trx, { email: inv.email, name: body.name, password: body.password });
    }
    if (!user) throw notFound();
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: ctx.now, accepted_by: user.id })
      .where("id", "=", inv.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw notFound();
    const member = await trx
      .selectFrom("memberships")
      .select("role")
      .where("workspace_id", "=", inv.workspace_id)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (member) throw new ConflictError(`you are already a member of this workspace (${member.role})`);
    await addMembership(trx, inv.workspace_id, user.id, inv.role);
    await writeAudit(trx, {
      workspaceId: inv.workspace_id,
      actorId: user.id,
      action: "accept",
      entity: "invitation",
      entityId: inv.id,
      details: { email: inv.email, role: inv.role },
    });
    return {
      workspace: { id: inv.workspace_id, name: inv.workspace_name },
      role: inv.role,
      user: { id: user.id, email: user.email, name: user.name },
      account_created: !existing,
    };
  });
};
