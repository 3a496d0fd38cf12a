import type { FastifyPluginAsync } from "fastify";
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
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const tags = ["incidents"];

/** Vendor incidents and their RCA reports, checked against the contract's RCA commitment. */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/incidents",
      role: "viewer",
      tags,
      summary: "incidents newest first with RCA verdicts (on_time, late, missing, pending, not_committed)",
      query: ListIncidentsInput,
      input: ({ request }) => request.query,
    },
    listIncidents,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/incidents",
      role: "editor",
      tags,
      summary: "record a vendor incident",
      body: CreateIncidentInput,
      input: ({ request }) => request.body,
      status: 201,
      versioned: true,
    },
    createIncident,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/incidents/:id",
      role: "viewer",
      tags,
      summary: "one incident with its RCA reports and verdict",
      params: WorkspaceItemParams,
      versioned: true,
    },
    getIncident,
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws/incidents/:id",
      role: "editor",
      tags,
      summary: "update an incident, e.g. set resolved_at (If-Match or version)",
      params: WorkspaceItemParams,
      body: UpdateIncidentInput.omit({ id: true }),
      optionalBody: true,
      input: ({ params, request }) => ({ ...bodyOf(request.body), id: params.id }),
      versioned: true,
    },
    updateIncident,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/incidents/:id/rca",
      role: "editor",
      tags,
      summary: "record that the RCA report was received (checked against rca.deadline_hours)",
      params: WorkspaceItemParams,
      body: RecordRcaInput.omit({ incident_id: true }),
      optionalBody: true,
      input: ({ params, request }) => ({ ...bodyOf(request.body), incident_id: params.id }),
      status: 201,
      versioned: true,
    },
    recordRcaReport,
  );
};

/** The raw body for the verb (it validates and names the field itself). */
function bodyOf(body: unknown): Record<string, unknown> {
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}
