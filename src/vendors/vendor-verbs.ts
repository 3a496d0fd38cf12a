import { sql } from "kysely";
import { z } from "zod";
import { actorOf, type Db, parseInput, requireRole, type Verb } from "../context/index.js";
import { ConflictError, NotFoundError } from "../errors/index.js";
import { HttpUrl } from "../http-url/index.js";
import { newId, type Page, PageQuery, selectPage, writeAudit } from "../store/index.js";
import { invalidateVendorTicketSla } from "../tickets/index.js";

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
  /** The version the caller expects to change (409 when stale); absent = no check. */
  version: z.number().int().optional(),
});
const VendorId = z.object({ id: z.string().min(1) });

const COLUMNS = ["id", "name", "website", "notes", "version", "created_at", "updated_at"] as const;

export interface VendorView {
  id: string;
  name: string;
  website: string | null;
  notes: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}
export interface VendorDetail extends VendorView {
  products: { id: string; name: string }[];
}

async function nameTaken(db: Db, ws: string, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom("vendors").select("id").where("workspace_id", "=", ws).where("name", "=", name);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Vendors of the workspace, newest first. */
export const listVendors: Verb<PageQuery, Page<VendorView>> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const page = parseInput("input", PageQuery, input);
  return selectPage(
    ctx.db,
    ctx.db
      .selectFrom("vendors")
      .select([...COLUMNS])
      .where("workspace_id", "=", ws),
    page,
    ["created_at", "updated_at"],
  );
};

/** One vendor with its products (404 when not in the workspace). */
export const getVendor: Verb<{ id: string }, VendorDetail> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id } = parseInput("input", VendorId, input);
  const row = await ctx.db
    .selectFrom("vendors")
    .select([...COLUMNS])
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("vendor", id);
  const products = await ctx.db
    .selectFrom("products")
    .select(["id", "name"])
    .where("vendor_id", "=", id)
    .orderBy("name")
    .execute();
  return { ...row, products };
};

/** Adds a vendor and its products (409 when the name is taken). */
export const createVendor: Verb<z.input<typeof VendorCreate>, VendorDetail> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const body = parseInput("input", VendorCreate, input);
  if (await nameTaken(ctx.db, ws, body.name))
    throw new ConflictError(`a vendor named "${body.name}" already exists`);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("vendors")
      .values({
        id: newId(),
        workspace_id: ws,
        name: body.name,
        website: body.website ?? null,
        notes: body.notes ?? null,
        created_at: ctx.now,
        updated_at: ctx.now,
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
      actorId: actorOf(ctx),
      action: "create",
      entity: "vendor",
      entityId: row.id,
      details: { name: row.name },
    });
    return { ...row, products: products.map((p) => ({ id: p.id, name: p.name })) };
  });
};

const VendorUpdate = VendorPatch.extend(VendorId.shape);

/** Changes a vendor's name, website or notes (409 when `version` is stale or the name taken). */
export const updateVendor: Verb<z.input<typeof VendorUpdate>, VendorView> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const { id, version: expected, ...changes } = parseInput("input", VendorUpdate, input);
  if (changes.name && (await nameTaken(ctx.db, ws, changes.name, id)))
    throw new ConflictError(`a vendor named "${changes.name}" already exists`);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("vendors")
      .select("version")
      .where("workspace_id", "=", ws)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError("vendor", id);
    if (expected !== undefined && current.version !== expected) {
      throw new ConflictError(
        `vendor ${id} is at version ${current.version}, not ${expected}; reload and retry`,
      );
    }
    const updated = await trx
      .updateTable("vendors")
      .set({ ...changes, version: sql`version + 1`, updated_at: ctx.now })
      .where("id", "=", id)
      .returning([...COLUMNS])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "update",
      entity: "vendor",
      entityId: id,
      details: changes,
    });
    return updated;
  });
};

/** Deletes a vendor; its documents stay (unlinked) and its tickets lose the vendor's contracts. */
export const deleteVendor: Verb<{ id: string }, void> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const { id } = parseInput("input", VendorId, input);
  await ctx.db.transaction().execute(async (trx) => {
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
      actorId: actorOf(ctx),
      action: "delete",
      entity: "vendor",
      entityId: id,
      details: { name: gone.name },
    });
  });
};
