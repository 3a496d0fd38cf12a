import type { FastifyPluginAsync } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { ConflictError, NotFoundError } from "../../errors/index.js";
import { HttpUrl } from "../../http-url/index.js";
import { newId, writeAudit } from "../../store/index.js";
import { invalidateVendorTicketSla } from "../../tickets/index.js";
import { requireMember } from "../auth/require-member.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";

export const VendorCreate = z.object({
  name: z.string().trim().min(1).max(200),
  website: HttpUrl.nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  products: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
});
export const VendorPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  website: HttpUrl.nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  version: z.number().int().optional(),
});

const COLUMNS = ["id", "name", "website", "notes", "version", "created_at", "updated_at"] as const;

/** GET/POST /workspaces/:ws/vendors, GET/PATCH/DELETE /workspaces/:ws/vendors/:id. */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  const actor = (r: { principal: { userId: string } | null }) => r.principal?.userId ?? null;

  async function nameTaken(ws: string, name: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom("vendors").select("id").where("workspace_id", "=", ws).where("name", "=", name);
    if (exceptId) q = q.where("id", "!=", exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  app.get(
    "/workspaces/:ws/vendors",
    {
      schema: docs({
        tags: ["vendors"],
        summary: "vendors, newest first",
        params: WorkspaceParams,
        querystring: PageQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const page = parseQuery(PageQuery, request.query);
      const rows = await paginate(
        db
          .selectFrom("vendors")
          .select([...COLUMNS])
          .where("workspace_id", "=", ws),
        page,
      ).execute();
      return toPage(rows, page);
    },
  );

  app.post(
    "/workspaces/:ws/vendors",
    {
      schema: docs({
        tags: ["vendors"],
        summary: "add a vendor",
        params: WorkspaceParams,
        body: VendorCreate,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      const body = parseBody(VendorCreate, request.body);
      if (await nameTaken(ws, body.name))
        throw new ConflictError(`a vendor named "${body.name}" already exists`);
      const vendor = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("vendors")
          .values({
            id: newId(),
            workspace_id: ws,
            name: body.name,
            website: body.website ?? null,
            notes: body.notes ?? null,
            created_at: app.now(),
            updated_at: app.now(),
          })
          .returning([...COLUMNS])
          .executeTakeFirstOrThrow();
        const products = [...new Set(body.products ?? [])].map((name) => ({
          id: newId(),
          workspace_id: ws,
          vendor_id: row.id,
          name,
        }));
        if (products.length) await trx.insertInto("products").values(products).execute();
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "create",
          entity: "vendor",
          entityId: row.id,
          details: { name: row.name },
        });
        return { ...row, products: products.map((p) => ({ id: p.id, name: p.name })) };
      });
      setVersionTag(reply, vendor.version);
      return reply.status(201).send(vendor);
    },
  );

  app.get(
    "/workspaces/:ws/vendors/:id",
    {
      schema: docs({
        tags: ["vendors"],
        summary: "one vendor with its products",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const row = await db
        .selectFrom("vendors")
        .select([...COLUMNS])
        .where("workspace_id", "=", ws)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError("vendor", id);
      const products = await db
        .selectFrom("products")
        .select(["id", "name"])
        .where("vendor_id", "=", id)
        .orderBy("name")
        .execute();
      setVersionTag(reply, row.version);
      return { ...row, products };
    },
  );

  app.patch(
    "/workspaces/:ws/vendors/:id",
    {
      schema: docs({
        tags: ["vendors"],
        summary: "update a vendor (If-Match or version → 409 when stale)",
        params: WorkspaceItemParams,
        body: VendorPatch,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      const body = parseBody(VendorPatch, request.body);
      const expected = expectedVersion(request, body.version);
      if (body.name && (await nameTaken(ws, body.name, id)))
        throw new ConflictError(`a vendor named "${body.name}" already exists`);
      const row = await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("vendors")
          .select("version")
          .where("workspace_id", "=", ws)
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new NotFoundError("vendor", id);
        if (expected !== null && current.version !== expected) {
          throw new ConflictError(
            `vendor ${id} is at version ${current.version}, not ${expected}; reload and retry`,
          );
        }
        const { version: _v, ...changes } = body;
        const updated = await trx
          .updateTable("vendors")
          .set({ ...changes, version: sql`version + 1`, updated_at: app.now() })
          .where("id", "=", id)
          .returning([...COLUMNS])
          .executeTakeFirstOrThrow();
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "update",
          entity: "vendor",
          entityId: id,
          details: changes,
        });
        return updated;
      });
      setVersionTag(reply, row.version);
      return row;
    },
  );

  app.delete(
    "/workspaces/:ws/vendors/:id",
    {
      schema: docs({
        tags: ["vendors"],
        summary: "delete a vendor (its documents stay, unlinked)",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      await db.transaction().execute(async (trx) => {
        // Its tickets lose the vendor's contracts (the foreign key sets vendor_id to null).
        await invalidateVendorTicketSla(trx, ws, id);
        const gone = await trx
          .deleteFrom("vendors")
          .where("workspace_id", "=", ws)
          .where("id", "=", id)
          .returning(["name"])
          .executeTakeFirst();
        if (!gone) throw new NotFoundError("vendor", id);
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "delete",
          entity: "vendor",
          entityId: id,
          details: { name: gone.name },
        });
      });
      return reply.status(204).send();
    },
  );
};
