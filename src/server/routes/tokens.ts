import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { issueApiToken, revokeTokenTree } from "../../accounts/index.js";
import { ForbiddenError, InputError, NotFoundError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember, requireUser, roleAtLeast } from "../auth/require-member.js";
import { docs, parseBody, parseParams, WorkspaceItemParams, WorkspaceParams } from "../validation.js";

export const TokenCreate = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(z.enum(["read", "write"]))
    .min(1)
    .default(["read"]),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
});

/** GET/POST /workspaces/:ws/tokens, DELETE /workspaces/:ws/tokens/:id. Members see their own tokens; admins all. */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get(
    "/workspaces/:ws/tokens",
    {
      schema: docs({
        tags: ["tokens"],
        summary: "api tokens (own; all for admins), never the secret",
        params: WorkspaceParams,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const role = await requireMember(request, ws, "viewer");
      let q = db
        .selectFrom("api_tokens")
        .select([
          "id",
          "name",
          "prefix",
          "scopes",
          "user_id",
          "created_at",
          "expires_at",
          "last_used_at",
          "revoked_at",
        ])
        .where("workspace_id", "=", ws);
      if (role !== "admin") q = q.where("user_id", "=", requireUser(request).userId);
      const items = await q.orderBy("created_at", "desc").execute();
      return { items, next_cursor: null };
    },
  );

  app.post(
    "/workspaces/:ws/tokens",
    {
      schema: docs({
        tags: ["tokens"],
        summary: "create an api token for yourself; the secret is shown once",
        params: WorkspaceParams,
        body: TokenCreate,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const role = await requireMember(request, ws, "viewer");
      const body = parseBody(TokenCreate, request.body);
      const principal = requireUser(request);
      if (body.scopes.includes("write") && !roleAtLeast(role, "editor"))
        throw new ForbiddenError("viewers can only create read tokens");
      if (principal.tokenScopes && !principal.tokenScopes.includes("write"))
        throw new ForbiddenError("this api token lacks the write scope");
      const expiresAt = body.expires_at ? new Date(body.expires_at) : null;
      if (expiresAt && expiresAt <= app.now())
        throw new InputError("body.expires_at", "must be in the future");
      // A token mints only what it holds: its own scopes or fewer, and no later expiry
      // (its workspace is already enforced by requireMember). Revoking it revokes the child.
      if (principal.tokenScopes) {
        const held = new Set(principal.tokenScopes);
        if (held.has("write")) held.add("read"); // as requireMember reads them
        const wider = body.scopes.find((s) => !held.has(s));
        if (wider) throw new ForbiddenError(`this api token lacks the ${wider} scope, so it cannot grant it`);
      }
      const parentExpiry = principal.tokenExpiresAt ?? null;
      if (parentExpiry && (!expiresAt || expiresAt > parentExpiry))
        throw new InputError(
          "body.expires_at",
          `must be at or before ${parentExpiry.toISOString()}, when the api token making it expires`,
        );
      const issued = await db.transaction().execute(async (trx) => {
        const t = await issueApiToken(trx, {
          workspaceId: ws,
          userId: principal.userId,
          name: body.name,
          scopes: [...new Set(body.scopes)],
          expiresAt,
          parentId: principal.tokenId ?? null,
        });
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: principal.userId,
          action: "create",
          entity: "api_token",
          entityId: t.id,
          details: { name: t.name, scopes: t.scopes },
        });
        return t;
      });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    "/workspaces/:ws/tokens/:id",
    {
      schema: docs({
        tags: ["tokens"],
        summary: "revoke an api token (own, or any as admin) and the tokens it made",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const role = await requireMember(request, ws, "viewer");
      const principal = requireUser(request);
      if (principal.tokenScopes && !principal.tokenScopes.includes("write"))
        throw new ForbiddenError("this api token lacks the write scope");
      await db.transaction().execute(async (trx) => {
        const token = await trx
          .selectFrom("api_tokens")
          .select(["id", "user_id", "revoked_at"])
          .where("id", "=", id)
          .where("workspace_id", "=", ws)
          .executeTakeFirst();
        if (!token || (role !== "admin" && token.user_id !== principal.userId))
          throw new NotFoundError("api token", id);
        await revokeTokenTree(trx, id, app.now());
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: principal.userId,
          action: "revoke",
          entity: "api_token",
          entityId: id,
        });
      });
      app.authCache.clear(); // after the commit, so no request re-caches the token as it was
      return reply.status(204).send();
    },
  );
};
