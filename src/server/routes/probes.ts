import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors/index.js";
import {
  allowedEnvOf,
  definitionOf,
  deleteProbe,
  getProbe,
  insertProbe,
  listRollups,
  listSamples,
  loadSecretValues,
  ProbeFields,
  probeFromRow,
  runProbe,
  storeSamples,
  updateProbe,
} from "../../probes/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember } from "../auth/require-member.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { serverProbeAllowlist } from "../jobs/probe-allowlist.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";
import { agentAdminRoutes } from "./probe-agents.js";

const ProbeCreate = z.object({ vendor_id: z.string().nullable().optional() }).passthrough();
/** For the OpenAPI document only: the handler validates with `parseProbeDefinition` (field-level errors). */
const ProbeCreateDoc = ProbeFields.omit({ id: true }).extend({ vendor_id: z.string().nullable().optional() });
const ProbePatchDoc = ProbeCreateDoc.partial().extend({ version: z.number().int().optional() });
const ProbePatch = z
  .object({ version: z.number().int().optional(), vendor_id: z.string().nullable().optional() })
  .passthrough();
const SampleListQuery = PageQuery.extend({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  region: z.string().min(1).optional(),
});
const RollupQuery = z.object({
  resolution: z.enum(["minute", "hour", "day"]).default("hour"),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  region: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

const date = (s: string | undefined) => (s ? new Date(s) : undefined);

/** Private targets the server itself may probe: `TERMSIGHT_PROBE_ALLOW` (comma-separated hosts or CIDRs). */
function serverAllowlist() {
  return serverProbeAllowlist(process.env);
}

/**
 * Probes per workspace (CRUD, samples, rollups) and the agents that run them:
 * /workspaces/:ws/probes…, and /workspaces/:ws/agents… (from `probe-agents.ts`).
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  const actor = (r: { principal: { userId: string } | null }) => r.principal?.userId ?? null;

  app.get(
    "/workspaces/:ws/probes",
    {
      schema: docs({
        tags: ["probes"],
        summary: "probes, newest first",
        params: WorkspaceParams,
        querystring: PageQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const page = parseQuery(PageQuery, request.query);
      const rows = await paginate(
        db.selectFrom("probes").selectAll().where("workspace_id", "=", ws),
        page,
      ).execute();
      const p = toPage(rows, page);
      return { items: p.items.map(probeFromRow), next_cursor: p.next_cursor };
    },
  );

  app.post(
    "/workspaces/:ws/probes",
    {
      schema: docs({
        tags: ["probes"],
        summary: `create a probe (kind http|sse|ws|tcp|tls; credentials only as \${secret:NAME} placeholders (workspace secrets) or \${env:NAME} for variables the operator allowed with serve --probe-env; max_body_bytes at most the server's ceiling)`,
        params: WorkspaceParams,
        body: ProbeCreateDoc,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      const {
        vendor_id,
        id: _ignored,
        ...probe
      } = parseBody(ProbeCreate, request.body) as Record<string, unknown>;
      if (typeof vendor_id === "string") {
        const vendor = await db
          .selectFrom("vendors")
          .select("id")
          .where("workspace_id", "=", ws)
          .where("id", "=", vendor_id)
          .executeTakeFirst();
        if (!vendor) throw new NotFoundError("vendor", vendor_id);
      }
      const created = await db.transaction().execute(async (trx) => {
        const p = await insertProbe(trx, {
          workspaceId: ws,
          vendorId: (vendor_id as string | null) ?? null,
          createdBy: actor(request),
          probe,
          now: app.now(),
          policy: app.probePolicy,
        });
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "create",
          entity: "probe",
          entityId: p.id,
          details: { kind: p.kind, url: p.url },
        });
        return p;
      });
      setVersionTag(reply, created.version);
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/workspaces/:ws/probes/:id",
    { schema: docs({ tags: ["probes"], summary: "one probe", params: WorkspaceItemParams }) },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const probe = await getProbe(db, ws, id);
      setVersionTag(reply, probe.version);
      return probe;
    },
  );

  app.patch(
    "/workspaces/:ws/probes/:id",
    {
      schema: docs({
        tags: ["probes"],
        summary: "update a probe (If-Match or version → 409 when stale)",
        params: WorkspaceItemParams,
        body: ProbePatchDoc,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      const { version, ...patch } = parseBody(ProbePatch, request.body) as Record<string, unknown> & {
        version?: number;
      };
      const expected = expectedVersion(request, version);
      const updated = await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("probes")
          .select("version")
          .where("workspace_id", "=", ws)
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new NotFoundError("probe", id);
        if (expected !== null && current.version !== expected) {
          throw new ConflictError(
            `probe ${id} is at version ${current.version}, not ${expected}; reload and retry`,
          );
        }
        const p = await updateProbe(trx, {
          workspaceId: ws,
          id,
          patch,
          now: app.now(),
          policy: app.probePolicy,
        });
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "update",
          entity: "probe",
          entityId: id,
          details: { fields: Object.keys(patch) },
        });
        return p;
      });
      setVersionTag(reply, updated.version);
      return updated;
    },
  );

  app.delete(
    "/workspaces/:ws/probes/:id",
    {
      schema: docs({
        tags: ["probes"],
        summary: "delete a probe with its samples and rollups",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      await db.transaction().execute(async (trx) => {
        await deleteProbe(trx, ws, id);
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: actor(request),
          action: "delete",
          entity: "probe",
          entityId: id,
        });
      });
      return reply.status(204).send();
    },
  );

  app.get(
    "/workspaces/:ws/probes/:id/samples",
    {
      schema: docs({
        tags: ["probes"],
        summary: "raw samples (kept 7 days by default), newest first",
        params: WorkspaceItemParams,
        querystring: SampleListQuery,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const q = parseQuery(SampleListQuery, request.query);
      await getProbe(db, ws, id);
      return listSamples(db, {
        workspaceId: ws,
        probeId: id,
        from: date(q.from),
        to: date(q.to),
        region: q.region,
        limit: q.limit,
        cursor: q.cursor,
      });
    },
  );

  app.get(
    "/workspaces/:ws/probes/:id/rollups",
    {
      schema: docs({
        tags: ["probes"],
        summary: "minute/hour/day rollups: count, ok, fail, degraded, p50/p95/p99",
        params: WorkspaceItemParams,
        querystring: RollupQuery,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const q = parseQuery(RollupQuery, request.query);
      await getProbe(db, ws, id);
      const items = await listRollups(db, {
        workspaceId: ws,
        probeId: id,
        resolution: q.resolution,
        from: date(q.from),
        to: date(q.to),
        region: q.region,
        limit: q.limit,
      });
      return { items, next_cursor: null };
    },
  );
  app.post(
    "/workspaces/:ws/probes/:id/run",
    {
      schema: docs({
        tags: ["probes"],
        summary:
          'run a probe now from the server (its region: `serve --region`, default "server"); the sample is stored. A blocked target is 403',
        params: WorkspaceItemParams,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      const probe = await getProbe(db, ws, id);
      const sample = await runProbe({
        ctx: {
          region: app.probeRegion,
          allow: serverAllowlist(),
          // only the variables the operator allowed, and this workspace's own secrets
          secrets: {
            env: allowedEnvOf(process.env, app.probePolicy.allowedEnv),
            file: await loadSecretValues(db, app.secretBox, ws),
          },
          maxBodyBytes: app.probePolicy.maxBodyBytes,
          now: app.now,
        },
        input: { probe: definitionOf(probe) },
      });
      if (sample.blocked) throw new ForbiddenError(sample.error ?? "target blocked");
      await db.transaction().execute((trx) =>
        storeSamples(trx, {
          workspaceId: ws,
          agentId: null,
          batchId: null,
          receivedAt: app.now(),
          skewFlagged: false,
          samples: [sample],
        }),
      );
      return sample;
    },
  );

  await app.register(agentAdminRoutes);
};
