import type { FastifyPluginAsync } from "fastify";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import { createInvitation, invitationLink, normalizeEmail } from "../../accounts/index.js";
import { ConflictError, NotFoundError } from "../../errors/index.js";
import { type Database, writeAudit } from "../../store/index.js";
import { requireMember } from "../auth/require-member.js";
import { docs, parseBody, parseParams, WorkspaceParams } from "../validation.js";

const RoleEnum = z.enum(["admin", "editor", "viewer"]);
export const MemberCreate = z.object({ email: z.email(), role: RoleEnum });
export const MemberPatch = z.object({ role: RoleEnum });
const MemberParams = z.object({ ws: z.string().min(1), userId: z.string().min(1) });

async function adminCount(trx: Transaction<Database>, ws: string): Promise<number> {
  const row = await trx
    .selectFrom("memberships")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("workspace_id", "=", ws)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return row.n;
}

/** GET/POST /workspaces/:ws/members, PATCH/DELETE /workspaces/:ws/members/:userId (admin). */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get(
    "/workspaces/:ws/members",
    { schema: docs({ tags: ["members"], summary: "members and their roles", params: WorkspaceParams }) },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const items = await db
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
    },
  );

  app.post(
    "/workspaces/:ws/members",
    {
      schema: docs({
        tags: ["members"],
        summary:
          "invite a member by email (admin): 202 with a one-time link (7 days) to hand to the invitee, whether or not the email has an account",
        params: WorkspaceParams,
        body: MemberCreate,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "admin");
      const body = parseBody(MemberCreate, request.body);
      const invitation = await db.transaction().execute(async (trx) => {
        // Members are listed to every member already, so this says nothing about other accounts.
        const member = await trx
          .selectFrom("memberships")
          .innerJoin("users", "users.id", "memberships.user_id")
          .select("memberships.role")
          .where("memberships.workspace_id", "=", ws)
          .where("users.email", "=", normalizeEmail(body.email))
          .executeTakeFirst();
        if (member)
          throw new ConflictError(`${normalizeEmail(body.email)} is already a member (${member.role})`);
        const inv = await createInvitation(trx, {
          workspaceId: ws,
          email: body.email,
          role: body.role,
          invitedBy: request.principal?.userId ?? null,
          now: app.now(),
        });
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "invite",
          entity: "invitation",
          entityId: inv.id,
          details: { email: inv.email, role: inv.role },
        });
        return inv;
      });
      const link = invitationLink(`${request.protocol}://${request.host}`, invitation.token);
      return reply.status(202).send({ ...invitation, link });
    },
  );

  app.patch(
    "/workspaces/:ws/members/:userId",
    {
      schema: docs({
        tags: ["members"],
        summary: "change a member's role (admin)",
        params: MemberParams,
        body: MemberPatch,
      }),
    },
    async (request) => {
      const { ws, userId } = parseParams(MemberParams, request.params);
      await requireMember(request, ws, "admin");
      const body = parseBody(MemberPatch, request.body);
      const updated = await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("memberships")
          .select("role")
          .where("workspace_id", "=", ws)
          .where("user_id", "=", userId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new NotFoundError("member", userId);
        if (current.role === "admin" && body.role !== "admin" && (await adminCount(trx, ws)) <= 1) {
          throw new ConflictError("a workspace keeps at least one admin");
        }
        await trx
          .updateTable("memberships")
          .set({ role: body.role })
          .where("workspace_id", "=", ws)
          .where("user_id", "=", userId)
          .execute();
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "update",
          entity: "member",
          entityId: userId,
          details: { from: current.role, to: body.role },
        });
        return { user_id: userId, role: body.role };
      });
      app.authCache.clear(); // after the commit, so no request re-caches the old role
      return updated;
    },
  );

  app.delete(
    "/workspaces/:ws/members/:userId",
    {
      schema: docs({
        tags: ["members"],
        summary: "remove a member (admin); their tokens for this workspace are revoked",
        params: MemberParams,
      }),
    },
    async (request, reply) => {
      const { ws, userId } = parseParams(MemberParams, request.params);
      await requireMember(request, ws, "admin");
      await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("memberships")
          .select("role")
          .where("workspace_id", "=", ws)
          .where("user_id", "=", userId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new NotFoundError("member", userId);
        if (current.role === "admin" && (await adminCount(trx, ws)) <= 1)
          throw new ConflictError("a workspace keeps at least one admin");
        await trx
          .deleteFrom("memberships")
          .where("workspace_id", "=", ws)
          .where("user_id", "=", userId)
          .execute();
        await trx
          .updateTable("api_tokens")
          .set({ revoked_at: app.now() })
          .where("workspace_id", "=", ws)
          .where("user_id", "=", userId)
          .where("revoked_at", "is", null)
          .execute();
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "delete",
          entity: "member",
          entityId: userId,
          details: { role: current.role },
        });
      });
      app.authCache.clear(); // after the commit, so no request re-caches the membership
      return reply.status(204).send();
    },
  );
};
