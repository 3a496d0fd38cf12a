import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { deleteSecret, listSecretNames, MAX_SECRET_VALUE_CHARS, putSecret } from "../../probes/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember } from "../auth/require-member.js";
import { docs, parseBody, parseParams, WorkspaceParams } from "../validation.js";

const SecretParams = z.object({ ws: z.string().min(1), name: z.string().min(1).max(128) });
const SecretPut = z.object({ value: z.string().min(1).max(MAX_SECRET_VALUE_CHARS) });

/**
 * Workspace secrets for probe placeholders (`${secret:NAME}`), sealed at rest. Write-only: the list
 * shows names and times (editors see them, to write probes that use them); only admins set or
 * delete; no route ever returns a value. Audit entries carry the name, never the value.
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  const actor = (r: { principal: { userId: string } | null }) => r.principal?.userId ?? null;

  app.get(
    "/workspaces/:ws/secrets",
    {
      schema: docs({
        tags: ["secrets"],
        summary: "names of the workspace's probe secrets with created/updated times (never values; editor)",
        params: WorkspaceParams,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      return { items: await listSecretNames(db, ws), next_cursor: null };
    },
  );

  app.put(
    "/workspaces/:ws/secrets/:name",
    {
      schema: docs({
        tags: ["secrets"],
        summary: `set a probe secret, used as \${secret:NAME} in a probe's url, headers or body (admin; 201 created, 200 replaced; the value is never shown again)`,
        params: SecretParams,
        body: SecretPut,
      }),
    },
    async (request, reply) => {
      const { ws, name } = parseParams(SecretParams, request.params);
      await requireMember(request, ws, "admin");
      const { value } = parseBody(SecretPut, request.body);
      const saved = await db.transaction().execute(async (trx) => {
        const s = await putSecret(trx, app.secretBox, {
          workspaceId: ws,
          name,
          value,
          actorId: actor(request),
          now: app.now(),
        });
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: s.created ? "create" : "update",
          entity: "secret",
          entityId: name,
          details: { name },
        });
        return s;
      });
      const { created, ...shown } = saved;
      return reply.status(created ? 201 : 200).send(shown);
    },
  );

  app.delete(
    "/workspaces/:ws/secrets/:name",
    {
      schema: docs({
        tags: ["secrets"],
        summary: "delete a probe secret (admin); probes using it then fail with a clear error",
        params: SecretParams,
      }),
    },
    async (request, reply) => {
      const { ws, name } = parseParams(SecretParams, request.params);
      await requireMember(request, ws, "admin");
      await db.transaction().execute(async (trx) => {
        await deleteSecret(trx, ws, name);
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "delete",
          entity: "secret",
          entityId: name,
          details: { name },
        });
      });
      return reply.status(204).send();
    },
  );
};
