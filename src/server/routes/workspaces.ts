import type { FastifyPluginAsync } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { createWorkspace, isInstanceAdmin, readInstanceSettings } from "../../accounts/index.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember, requireUser } from "../auth/require-member.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import { docs, parseBody, parseParams, parseQuery, WorkspaceParams } from "../validation.js";

export const WorkspaceCreate = z.object({ name: z.string().trim().min(1).max(200) });
export const WorkspacePatch = z.object({
  name: z.string().trim().min(1).max(200),
  version: z.number().int().optional(),
});

/** GET/POST /workspaces, GET/PATCH /workspaces/:ws. */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get(
    "/workspaces",
    {
      schema: docs({
        tags: ["workspaces"],
        summary: "workspaces the caller belongs to",
        querystring: PageQuery,
      }),
    },
    async (request) => {
      const principal = requireUser(request);
      const page = parseQuery(PageQuery, request.query);
      let q = db
        .selectFrom("workspaces")
        .innerJoin("memberships", "memberships.workspace_id", "workspaces.id")
        .select([
          "workspaces.id",
          "workspaces.name",
          "workspaces.version",
          "workspaces.created_at",
          "memberships.role",
        ])
        .where("memberships.user_id", "=", principal.userId);
      if (principal.tokenWorkspaceId) q = q.where("workspaces.id", "=", principal.tokenWorkspaceId);
      const rows = await paginate(q, page, { at: "workspaces.created_at", id: "workspaces.id" }).execute();
      return toPage(rows, page);
    },
  );

  app.post(
    "/workspaces",
    {
      schema: docs({
        tags: ["workspaces"],
        summary:
          "create a workspace (the caller becomes its admin); instance admins only unless the instance setting workspace_creation is all_accounts",
        body: WorkspaceCreate,
      }),
    },
    async (request, reply) => {
      const principal = requireUser(request);
      if (principal.tokenWorkspaceId)
        throw new ForbiddenError("an api token is bound to one workspace and cannot create workspaces");
      const { workspace_creation } = await readInstanceSettings(db);
      if (workspace_creation === "instance_admins" && !(await isInstanceAdmin(db, principal.userId)))
        throw new ForbiddenError(
          "only instance admins create workspaces on this instance; ask one to create it",
        );
      const body = parseBody(WorkspaceCreate, request.body);
      const ws = await db
        .transaction()
        .execute((trx) => createWorkspace(trx, { name: body.name, adminId: principal.userId }));
      return reply.status(201).send({ ...ws, role: "admin" });
    },
  );

  app.get(
    "/workspaces/:ws",
    { schema: docs({ tags: ["workspaces"], summary: "one workspace", params: WorkspaceParams }) },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const role = await requireMember(request, ws, "viewer");
      const row = await db
        .selectFrom("workspaces")
        .select(["id", "name", "version", "created_at", "updated_at"])
        .where("id", "=", ws)
        .executeTakeFirstOrThrow();
      setVersionTag(reply, row.version);
      return { ...row, role };
    },
  );

  app.patch(
    "/workspaces/:ws",
    {
      schema: docs({
        tags: ["workspaces"],
        summary: "rename a workspace (admin; If-Match or version)",
        params: WorkspaceParams,
        body: WorkspacePatch,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "admin");
      const body = parseBody(WorkspacePatch, request.body);
      const expected = expectedVersion(request, body.version);
      const row = await db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable("workspaces")
          .set({ name: body.name, version: sql`version + 1`, updated_at: app.now() })
          .where("id", "=", ws);
        if (expected !== null) q = q.where("version", "=", expected);
        const updated = await q
          .returning(["id", "name", "version", "created_at", "updated_at"])
          .executeTakeFirst();
        if (!updated)
          throw new ConflictError(
            `workspace ${ws} was changed by someone else (expected version ${expected}); reload and retry`,
          );
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "update",
          entity: "workspace",
          entityId: ws,
          details: { name: body.name },
        });
        return updated;
      });
      if (!row) throw new NotFoundError("workspace", ws);
      setVersionTag(reply, row.version);
      return row;
    },
  );
};
