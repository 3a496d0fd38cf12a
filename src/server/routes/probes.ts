import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { ProbeFields, probeKindNames, probeVerbs, RollupQuery, SampleListQuery } from "../../probes/index.js";
import { PageQuery } from "../../store/index.js";
import { serverProbeAllowlist } from "../jobs/probe-allowlist.js";
import { WorkspaceItemParams } from "../validation.js";
import { rawBody, workspaceRoute } from "../workspace-route.js";
import { agentAdminRoutes } from "./probe-agents.js";

/** For the OpenAPI document only: the verb validates with `parseProbeDefinition` (field-level errors). */
const ProbeCreateDoc = ProbeFields.omit({ id: true }).extend({ vendor_id: z.string().nullable().optional() });
const ProbePatchDoc = ProbeCreateDoc.partial().extend({ version: z.number().int().optional() });
const tags = ["probes"];

/**
 * Probes per workspace (CRUD, samples, rollups) and the agents that run them:
 * /workspaces/:ws/probes…, and /workspaces/:ws/agents… (from `probe-agents.ts`).
 */
export const routes: FastifyPluginAsync = async (app) => {
  const verbs = probeVerbs({
    policy: app.probePolicy,
    region: app.probeRegion,
    secretBox: app.secretBox,
    // private targets the server itself may probe: TERMSIGHT_PROBE_ALLOW (hosts or CIDRs)
    allow: () => serverProbeAllowlist(process.env),
    env: process.env,
  });

  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/probes",
      role: "viewer",
      tags,
      summary: "probes, newest first",
      query: PageQuery,
    },
    verbs.listProbes,
  );

  // The verbs validate create and update bodies with `parseProbeDefinition` (naming the failing field).
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/probes",
      role: "editor",
      tags,
      summary: `create a probe (kind ${probeKindNames().join("|")}; credentials only as \${secret:NAME} placeholders (workspace secrets) or \${env:NAME} for variables the operator allowed with serve --probe-env; max_body_bytes at most the server's ceiling)`,
      body: ProbeCreateDoc,
      readBody: rawBody,
      input: ({ body }) => body,
      status: 201,
      versioned: true,
    },
    verbs.createProbe,
  );

  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/probes/:id",
      role: "viewer",
      tags,
      summary: "one probe",
      params: WorkspaceItemParams,
      versioned: true,
    },
    verbs.readProbe,
  );

  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws/probes/:id",
      role: "editor",
      tags,
      summary: "update a probe (If-Match or version → 409 when stale)",
      params: WorkspaceItemParams,
      body: ProbePatchDoc,
      readBody: rawBody,
      optionalBody: true,
      input: ({ params, body }) => ({ ...body, id: String(params.id) }),
      versioned: true,
    },
    verbs.changeProbe,
  );

  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: "/workspaces/:ws/probes/:id",
      role: "editor",
      tags,
      summary: "delete a probe with its samples and rollups",
      params: WorkspaceItemParams,
      status: 204,
    },
    verbs.removeProbe,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/probes/:id/samples",
      role: "viewer",
      tags,
      summary: "raw samples (kept 7 days by default), newest first",
      params: WorkspaceItemParams,
      query: SampleListQuery,
    },
    verbs.probeSamples,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/probes/:id/rollups",
      role: "viewer",
      tags,
      summary: "minute/hour/day rollups: count, ok, fail, degraded, p50/p95/p99",
      params: WorkspaceItemParams,
      query: RollupQuery,
    },
    verbs.probeRollups,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/probes/:id/run",
      role: "editor",
      tags,
      summary:
        'run a probe now from the server (its region: `serve --region`, default "server"); the sample is stored. A blocked target is 403',
      params: WorkspaceItemParams,
    },
    verbs.runProbeNow,
  );

  await app.register(agentAdminRoutes, { verbs });
};
