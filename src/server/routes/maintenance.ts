import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import {
  ListMaintenanceNoticesInput,
  listMaintenanceNotices,
  RecordMaintenanceNoticeInput,
  recordMaintenanceNotice,
} from "../../tickets/index.js";
import { requestCtx } from "../request-ctx.js";
import { docs, parseParams, WorkspaceParams } from "../validation.js";

/** Maintenance notices: the notice given against the contract's committed notice period. */
export const routes: FastifyPluginAsync = async (app) => {
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
      return listMaintenanceNotices({ ctx: await requestCtx(request, ws), input: request.query });
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
      return reply
        .status(201)
        .send(await recordMaintenanceNotice({ ctx: await requestCtx(request, ws), input: request.body }));
    },
  );
};
