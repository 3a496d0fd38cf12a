import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  hashPassword,
  hashSecret,
  InstanceSettings,
  randomSecret,
  readInstanceSettings,
  writeInstanceSettings,
} from "../../accounts/index.js";
import { ConflictError, NotFoundError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { requireInstanceAdmin } from "../auth/instance.js";
import { endSessions } from "../auth/sessions.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import { docs, parseBody, parseParams, parseQuery } from "../validation.js";

/** An admin-issued reset token works this long. */
export const RESET_TOKEN_HOURS = 24;

const UserParams = z.object({ id: z.string().min(1) });
export const UserPatch = z.object({ instance_role: z.enum(["admin", "member"]) });

/**
 * Instance administration (a session of an instance admin): accounts, password resets, settings.
 * Workspace content stays with workspace roles: an instance admin sees a workspace's data only
 * as its member (or through the instance export).
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get(
    "/admin/users",
    {
      schema: docs({
        tags: ["admin"],
        summary: "every account of the instance (instance admin)",
        querystring: PageQuery,
      }),
    },
    async (request) => {
      await requireInstanceAdmin(request);
      const page = parseQuery(PageQuery, request.query);
      const rows = await paginate(
        db.selectFrom("users").select(["id", "email", "name", "instance_role", "created_at"]),
        page,
      ).execute();
      return toPage(rows, page);
    },
  );

  app.patch(
    "/admin/users/:id",
    {
      schema: docs({
        tags: ["admin"],
        summary: "make an account instance admin or member (instance admin; one admin stays)",
        params: UserParams,
        body: UserPatch,
      }),
    },
    async (request) => {
      const principal = await requireInstanceAdmin(request);
      const { id } = parseParams(UserParams, request.params);
      const body = parseBody(UserPatch, request.body);
      return db.transaction().execute(async (trx) => {
        const user = await trx
          .selectFrom("users")
          .select(["id", "instance_role"])
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
        if (!user) throw new NotFoundError("user", id);
        if (user.instance_role === "admin" && body.instance_role !== "admin") {
          const admins = await trx
            .selectFrom("users")
            .select("id")
            .where("instance_role", "=", "admin")
            .execute();
          if (admins.length <= 1) throw new ConflictError("the instance keeps at least one instance admin");
        }
        await trx
          .updateTable("users")
          .set({ instance_role: body.instance_role })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, {
          workspaceId: null,
          actorId: principal.userId,
          action: "update",
          entity: "user",
          entityId: id,
          details: { instance_role: { from: user.instance_role, to: body.instance_role } },
        });
        return { id, instance_role: body.instance_role };
      });
    },
  );

  app.post(
    "/admin/users/:id/password-reset",
    {
      schema: docs({
        tags: ["admin"],
        summary:
          "reset an account's password (instance admin): the old password and every session stop working; answers a one-time reset link (24 h) to hand to the user",
        params: UserParams,
      }),
    },
    async (request, reply) => {
      const principal = await requireInstanceAdmin(request);
      const { id } = parseParams(UserParams, request.params);
      const token = randomSecret(24);
      const expires = new Date(app.now().getTime() + RESET_TOKEN_HOURS * 3_600_000);
      // A fresh random password nobody knows, so login takes the usual time and fails.
      const lockedHash = await hashPassword(randomSecret(32));
      await db.transaction().execute(async (trx) => {
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
          actorId: principal.userId,
          action: "reset_password",
          entity: "user",
          entityId: id,
          details: { expires_at: expires.toISOString() },
        });
      });
      app.authCache.clear();
      const link = `${request.protocol}://${request.host}/reset-password?token=${encodeURIComponent(token)}`;
      return reply.status(201).send({ user_id: id, token, link, expires_at: expires.toISOString() });
    },
  );

  app.get(
    "/admin/settings",
    { schema: docs({ tags: ["admin"], summary: "instance settings (instance admin)" }) },
    async (request) => {
      await requireInstanceAdmin(request);
      return readInstanceSettings(db);
    },
  );

  app.put(
    "/admin/settings",
    {
      schema: docs({
        tags: ["admin"],
        summary: "change instance settings, e.g. who may create workspaces (instance admin)",
        body: InstanceSettings,
      }),
    },
    async (request) => {
      const principal = await requireInstanceAdmin(request);
      const body = parseBody(InstanceSettings, request.body);
      await db.transaction().execute(async (trx) => {
        await writeInstanceSettings(trx, body);
        await writeAudit(trx, {
          workspaceId: null,
          actorId: principal.userId,
          action: "update",
          entity: "instance_settings",
          entityId: null,
          details: body,
        });
      });
      return body;
    },
  );
};
