import { sql } from "kysely";
import { z } from "zod";
import { createWorkspace, isInstanceAdmin, readInstanceSettings } from "../accounts/index.js";
import { actorOf, type Ctx, parseInput, requireRole, type Verb } from "../context/index.js";
import { ConflictError, ForbiddenError, UnauthorizedError } from "../errors/index.js";
import { type Page, PageQuery, paginate, type Role, toPage, writeAudit } from "../store/index.js";
import { checkTimeZone, type WorkspaceSettings, WorkspaceSettingsPatch } from "./workspace-settings.js";

export const WorkspaceCreate = z.object({ name: z.string().trim().min(1).max(200) });
export const WorkspacePatch = WorkspaceSettingsPatch.extend({
  name: z.string().trim().min(1).max(200).optional(),
  /** The version the caller expects to change (409 when stale); absent = no check. */
  version: z.number().int().optional(),
});

export interface WorkspaceView extends WorkspaceSettings {
  id: string;
  name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const VIEW_COLUMNS = [
  "id",
  "name",
  "version",
  "timezone",
  "language",
  "business_calendar",
  "created_at",
  "updated_at",
] as const;

/** Workspaces the caller belongs to (an API token sees only its own), newest first. */
export const listWorkspaces: Verb<PageQuery, Page<WorkspaceView & { role: Role }>> = async ({
  ctx,
  input,
}) => {
  if (!ctx.caller) throw new UnauthorizedError("authentication required");
  const page = parseInput("input", PageQuery, input);
  let q = ctx.db
    .selectFrom("workspaces")
    .innerJoin("memberships", "memberships.workspace_id", "workspaces.id")
    .select([
      "workspaces.id",
      "workspaces.name",
      "workspaces.version",
      "workspaces.timezone",
      "workspaces.language",
      "workspaces.business_calendar",
      "workspaces.created_at",
      "memberships.role",
    ])
    .where("memberships.user_id", "=", ctx.caller.userId);
  if (ctx.caller.token) q = q.where("workspaces.id", "=", ctx.caller.token.workspaceId);
  const rows = await paginate(q, page, { at: "workspaces.created_at", id: "workspaces.id" }).execute();
  return toPage(rows as never, page);
};

/**
 * Who may create a workspace: instance admins, or every account when the instance setting
 * workspace_creation is all_accounts; never an API token (it is bound to one workspace).
 */
export async function requireWorkspaceCreator(ctx: Ctx): Promise<NonNullable<Ctx["caller"]>> {
  if (!ctx.caller) throw new UnauthorizedError("authentication required");
  const caller = ctx.caller;
  if (caller.via === "token")
    throw new ForbiddenError("an api token is bound to one workspace and cannot create workspaces");
  if (caller.via !== "system") {
    const { workspace_creation } = await readInstanceSettings(ctx.db);
    if (workspace_creation === "instance_admins" && !(await isInstanceAdmin(ctx.db, caller.userId)))
      throw new ForbiddenError(
        "only instance admins create workspaces on this instance; ask one to create it",
      );
  }
  return caller;
}

/**
 * Creates a workspace with the caller as its admin: instance admins only, unless the instance
 * setting workspace_creation is all_accounts. An API token (bound to one workspace) cannot.
 */
export const addWorkspace: Verb<
  z.input<typeof WorkspaceCreate>,
  { id: string; name: string; role: "admin" }
> = async ({ ctx, input }) => {
  await requireWorkspaceCreator(ctx);
  const body = parseInput("input", WorkspaceCreate, input);
  // createWorkspace writes the workspace's one audit row ("create workspace").
  const ws = await ctx.db
    .transaction()
    .execute((trx) => createWorkspace(trx, { name: body.name, adminId: actorOf(ctx), now: ctx.now }));
  return { ...ws, role: "admin" };
};

/** The workspace itself and the caller's role in it. */
export const getWorkspace: Verb<Record<string, never>, WorkspaceView & { role: Role | null }> = async ({
  ctx,
}) => {
  const ws = requireRole(ctx, "viewer");
  const row = await ctx.db
    .selectFrom("workspaces")
    .select(VIEW_COLUMNS)
    .where("id", "=", ws)
    .executeTakeFirstOrThrow();
  return { ...row, role: ctx.role };
};

/**
 * Renames the workspace and/or changes its settings (time zone, language, default calendar):
 * admin; 409 when `version` is stale; 400 naming the field for an unknown zone or value.
 */
export const updateWorkspace: Verb<z.input<typeof WorkspacePatch>, WorkspaceView> = async ({
  ctx,
  input,
}) => {
  const ws = requireRole(ctx, "admin");
  const { version, ...changes } = parseInput("input", WorkspacePatch, input);
  if (changes.timezone !== undefined) checkTimeZone("input.timezone", changes.timezone);
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable("workspaces")
      .set({ ...changes, version: sql`version + 1`, updated_at: ctx.now })
      .where("id", "=", ws);
    if (version !== undefined) q = q.where("version", "=", version);
    const updated = await q.returning(VIEW_COLUMNS).executeTakeFirst();
    if (!updated)
      throw new ConflictError(
        `workspace ${ws} was changed by someone else (expected version ${version}); reload and retry`,
      );
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "update",
      entity: "workspace",
      entityId: ws,
      details: changes,
    });
    return updated;
  });
};
