import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import {
  CreateIncidentInput,
  createIncident,
  getIncident,
  ListIncidentsInput,
  listIncidents,
  RecordRcaInput,
  recordRcaReport,
  UpdateIncidentInput,
  updateIncident,
} from "../../tickets/index.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { requestCtx } from "../request-ctx.js";
import { docs, parseParams, WorkspaceItemParams, WorkspaceParams } from "../validation.js";

/** Vendor incidents and their RCA reports, checked against the contract's RCA commitment. */
export const routes: FastifyPluginAsync = async (app) => {
  const bodyOf = (request: FastifyRequest) =>
    (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;

  app.get(
    "/workspaces/:ws/incidents",
    {
      schema: docs({
        tags: ["incidents"],
        summary: "incidents newest first with RCA verdicts (on_time, late, missing, pending, not_committed)",
        params: WorkspaceParams,
        querystring: ListIncidentsInput,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return listIncidents({ ctx: await requestCtx(request, ws), input: request.query });
    },
  );

  app.post(
    "/workspaces/:ws/incidents",
    {
      schema: docs({
        tags: ["incidents"],
        summary: "record a vendor incident",
        params: WorkspaceParams,
        body: CreateIncidentInput,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const incident = await createIncident({ ctx: await requestCtx(request, ws), input: request.body });
      setVersionTag(reply, incident.version);
      return reply.status(201).send(incident);
    },
  );

  app.get(
    "/workspaces/:ws/incidents/:id",
    {
      schema: docs({
        tags: ["incidents"],
        summary: "one incident with its RCA reports and verdict",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const incident = await getIncident({ ctx: await requestCtx(request, ws), input: { id } });
      setVersionTag(reply, incident.version);
      return incident;
    },
  );

  app.patch(
    "/workspaces/:ws/incidents/:id",
    {
      schema: docs({
        tags: ["incidents"],
        summary: "update an incident, e.g. set resolved_at (If-Match or version)",
        params: WorkspaceItemParams,
        body: UpdateIncidentInput.omit({ id: true }),
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const body = bodyOf(request);
      const version = expectedVersion(request, typeof body.version === "number" ? body.version : null);
      const incident = await updateIncident({
        ctx: await requestCtx(request, ws),
        input: { ...body, id, ...(version !== null ? { version } : {}) },
      });
      setVersionTag(reply, incident.version);
      return incident;
    },
  );

  app.post(
    "/workspaces/:ws/incidents/:id/rca",
    {
      schema: docs({
        tags: ["incidents"],
        summary: "record that the RCA report was received (checked against rca.deadline_hours)",
        params: WorkspaceItemParams,
        body: RecordRcaInput.omit({ incident_id: true }),
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const incident = await recordRcaReport({
        ctx: await requestCtx(request, ws),
        input: { ...bodyOf(request), incident_id: id },
      });
      setVersionTag(reply, incident.version);
      return reply.status(201).send(incident);
    },
  );
};
