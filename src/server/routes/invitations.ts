import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { addMembership, checkNewPassword, createUser, findPendingInvitation } from "../../accounts/index.js";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthorizedError,
} from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember } from "../auth/require-member.js";
import { docs, parseBody, parseParams, WorkspaceItemParams, WorkspaceParams } from "../validation.js";

const TokenParams = z.object({ token: z.string().min(1).max(200) });
/** Only when the invitee has no account yet: the account to create with the invited email. */
export const InvitationAccept = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(1).optional(),
});

const notFound = () =>
  new NotFoundError("invitation", "of this link (it may have expired, been used or revoked)");

/**
 * GET/DELETE /workspaces/:ws/invitations[/:id] (admin): pending invitations.
 * GET /invitations/:token, POST /invitations/:token/accept: the invitee's side.
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get(
    "/workspaces/:ws/invitations",
    { schema: docs({ tags: ["members"], summary: "pending invitations (admin)", params: WorkspaceParams }) },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "admin");
      const items = await db
        .selectFrom("invitations")
        .select(["id", "email", "role", "invited_by", "created_at", "expires_at"])
        .where("workspace_id", "=", ws)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", app.now())
        .orderBy("created_at", "desc")
        .execute();
      return { items, next_cursor: null };
    },
  );

  app.delete(
    "/workspaces/:ws/invitations/:id",
    {
      schema: docs({
        tags: ["members"],
        summary: "revoke a pending invitation (admin)",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "admin");
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable("invitations")
          .set({ revoked_at: app.now() })
          .where("id", "=", id)
          .where("workspace_id", "=", ws)
          .where("accepted_at", "is", null)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError("invitation", id);
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "revoke",
          entity: "invitation",
          entityId: id,
        });
      });
      return reply.status(204).send();
    },
  );

  app.get(
    "/invitations/:token",
    {
      schema: docs({
        tags: ["members"],
        summary: "what a pending invitation is for (workspace, email, role), for the invitee",
        params: TokenParams,
        auth: false,
      }),
    },
    async (request) => {
      const { token } = parseParams(TokenParams, request.params);
      const inv = await findPendingInvitation(db, token, app.now());
      if (!inv) throw notFound();
      return {
        workspace: { id: inv.workspace_id, name: inv.workspace_name },
        email: inv.email,
        role: inv.role,
        expires_at: inv.expires_at,
      };
    },
  );

  app.post(
    "/invitations/:token/accept",
    {
      schema: docs({
        tags: ["members"],
        summary:
          "accept an invitation: logged in as the invited email, or (no account yet) anonymously with name and password to create it",
        params: TokenParams,
        body: InvitationAccept,
        auth: false,
      }),
    },
    async (request, reply) => {
      const { token } = parseParams(TokenParams, request.params);
      const body = parseBody(InvitationAccept, request.body ?? {});
      const principal = request.principal;
      if (principal && principal.via !== "session")
        throw new ForbiddenError("accept an invitation with a session login, not an api token");
      const now = app.now();
      const result = await db.transaction().execute(async (trx) => {
        const inv = await findPendingInvitation(trx, token, now);
        if (!inv) throw notFound();
        const existing = await trx
          .selectFrom("users")
          .select(["id", "email", "name"])
          .where("email", "=", inv.email)
          .executeTakeFirst();
        let user = existing;
        if (principal) {
          if (!existing || existing.id !== principal.userId)
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
          .set({ accepted_at: now, accepted_by: user.id })
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
      app.authCache.clear(); // a cached "not a member" must not outlive the new membership
      return reply.status(201).send(result);
    },
  );
};
