import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import {
  ListMaintenanceNoticesInput,
  listMaintenanceNotices,
  RecordMaintenanceNoticeInput,
  recordMaintenanceNotice,
  type TicketContext,
} from "../../tickets/index.js";
import { requireMember } from "../auth/require-member.js";
import { docs, parseParams, WorkspaceParams } from "../validation.js";

/** Maintenance notices: the notice given against the contract's committed notice period. */
export const routes: FastifyPluginAsync = async (app) => {
  const ctxOf = (request: FastifyRequest, ws: string): TicketContext => ({
    db: app.store.db,
    workspaceId: ws,
    actorId: request.principal?.userId ?? null,
    now: app.now(),
  });

  app.get(
    "/workspaces/:ws/maintenance-notices",
    {
      schema: docs({
        tags: ["maintenance"],
        summary: "maintenance notices newest first (?late=true for short notice)",
        params: WorkspaceParams,
        querystring: ListMaintenanceNoticesInput,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      return listMaintenanceNotices({ ctx: ctxOf(request, ws), input: request.query });
    },
  );

  app.post(
    "/workspaces/:ws/maintenance-notices",
    {
      schema: docs({
        tags: ["maintenance"],
        summary: "record a maintenance notice; flagged late when less notice than maintenance.notice_hours",
        params: WorkspaceParams,
        body: RecordMaintenanceNoticeInput,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      return reply
        .status(201)
        .send(await recordMaintenanceNotice({ ctx: ctxOf(request, ws), input: request.body }));
    },
  );
};
