import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { NotFoundError } from "../../errors/index.js";
import { createAgent } from "../../probes/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember } from "../auth/require-member.js";
import { docs, parseBody, parseParams, WorkspaceItemParams, WorkspaceParams } from "../validation.js";

const AgentCreate = z.object({
  name: z.string().trim().min(1).max(200),
  region: z.string().trim().min(1).max(64),
});
const AGENT_COLUMNS = ["id", "name", "region", "created_at", "last_seen_at", "revoked_at"] as const;

/** GET/POST /workspaces/:ws/agents, DELETE /workspaces/:ws/agents/:id (registered by `probes.ts`). */
export const agentAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  const actor = (r: { principal: { userId: string } | null }) => r.principal?.userId ?? null;

  app.get(
    "/workspaces/:ws/agents",
    {
      schema: docs({ tags: ["probes"], summary: "probe agents (never the token)", params: WorkspaceParams }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const items = await db
        .selectFrom("probe_agents")
        .select([...AGENT_COLUMNS])
        .where("workspace_id", "=", ws)
        .orderBy("created_at", "desc")
        .execute();
      return { items, next_cursor: null };
    },
  );

  app.post(
    "/workspaces/:ws/agents",
    {
      schema: docs({
        tags: ["probes"],
        summary: "register a probe agent for a region; the token is shown once",
        params: WorkspaceParams,
        body: AgentCreate,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "admin");
      const body = parseBody(AgentCreate, request.body);
      const agent = await db.transaction().execute(async (trx) => {
        const a = await createAgent(trx, {
          workspaceId: ws,
          name: body.name,
          region: body.region,
          createdBy: actor(request),
          now: app.now(),
        });
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "create",
          entity: "probe_agent",
          entityId: a.id,
          details: { region: a.region },
        });
        return a;
      });
      return reply.status(201).send(agent);
    },
  );

  app.delete(
    "/workspaces/:ws/agents/:id",
    {
      schema: docs({
        tags: ["probes"],
        summary: "revoke a probe agent's token",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "admin");
      await db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable("probe_agents")
          .set({ revoked_at: app.now() })
          .where("workspace_id", "=", ws)
          .where("id", "=", id)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw new NotFoundError("probe agent", id);
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "revoke",
          entity: "probe_agent",
          entityId: id,
        });
      });
      return reply.status(204).send();
    },
  );
};
