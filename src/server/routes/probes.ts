import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { ProbeFields, probeKindNames, probeVerbs, RollupQuery, SampleListQuery } from "../../probes/index.js";
import { PageQuery } from "../../store/index.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { serverProbeAllowlist } from "../jobs/probe-allowlist.js";
import { requestCtx } from "../request-ctx.js";
import { docs, parseParams, WorkspaceItemParams, WorkspaceParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";
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

  // Create and update are declared by hand: their body is documented by ProbeFields but validated
  // by the verb (parseProbeDefinition names the failing field), not by a route-level parse.
  app.post(
    "/workspaces/:ws/probes",
    {
      schema: docs({
        tags,
        summary: `create a probe (kind ${probeKindNames().join("|")}; credentials only as \${secret:NAME} placeholders (workspace secrets) or \${env:NAME} for variables the operator allowed with serve --probe-env; max_body_bytes at most the server's ceiling)`,
        params: WorkspaceParams,
        body: ProbeCreateDoc,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const created = await verbs.createProbe({ ctx: await requestCtx(request, ws), input: request.body });
      setVersionTag(reply, created.version);
      return reply.status(201).send(created);
    },
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

  app.patch(
    "/workspaces/:ws/probes/:id",
    {
      schema: docs({
        tags,
        summary: "update a probe (If-Match or version → 409 when stale)",
        params: WorkspaceItemParams,
        body: ProbePatchDoc,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const version = expectedVersion(request, typeof body.version === "number" ? body.version : null);
      const updated = await verbs.changeProbe({
        ctx,
        input: { ...body, id, ...(version !== null ? { version } : {}) },
      });
      setVersionTag(reply, updated.version);
      return updated;
    },
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
