import { sql } from "kysely";
import { z } from "zod";
import { actorOf, parseInput, requireRole, type Verb } from "../context/index.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors/index.js";
import { type Page, PageQuery, paginate, toPage, writeAudit } from "../store/index.js";
import { allowedEnvOf, type ProbePolicy } from "./probe-policy.js";
import { runProbe } from "./run-probe.js";
import type { ProbeSample } from "./sample.js";
import { loadSecretValues, type SecretBox } from "./secret-store/index.js";
import type { Allowlist } from "./ssrf-guard.js";
import {
  createAgent,
  definitionOf,
  deleteProbe,
  getProbe,
  insertProbe,
  listRollups,
  listSamples,
  type ProbeAgent,
  probeFromRow,
  type StoredProbe,
  type StoredSampleView,
  storeSamples,
  updateProbe,
} from "./storage/index.js";

/** What the server that runs these verbs was configured with (`serve` options and environment). */
export interface ProbeServerConfig {
  policy: ProbePolicy;
  /** The region a probe run from the server is recorded in (`serve --region`). */
  region: string;
  secretBox: SecretBox | null;
  /** Private targets the server itself may probe (TERMSIGHT_PROBE_ALLOW). */
  allow: () => Allowlist;
  /** The process environment, of which only the operator-allowed names are used. */
  env: NodeJS.ProcessEnv;
}

const Item = z.object({ id: z.string().min(1) });
/** A new probe: its definition (checked field by field by parseProbeDefinition) and its vendor. */
const ProbeCreate = z.object({ vendor_id: z.string().nullable().optional() }).passthrough();
const ProbePatch = z
  .object({
    id: z.string().min(1),
    version: z.number().int().optional(),
    vendor_id: z.string().nullable().optional(),
  })
  .passthrough();
export const SampleListQuery = PageQuery.extend({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  region: z.string().min(1).optional(),
});
export const RollupQuery = z.object({
  resolution: z.enum(["minute", "hour", "day"]).default("hour"),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  region: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export const AgentCreate = z.object({
  name: z.string().trim().min(1).max(200),
  region: z.string().trim().min(1).max(64),
});
const AGENT_COLUMNS = ["id", "name", "region", "created_at", "last_seen_at", "revoked_at"] as const;

const date = (s: string | undefined) => (s ? new Date(s) : undefined);

type AgentView = Pick<ProbeAgent, "id" | "name" | "region"> & {
  created_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  /** Of the agent's latest batch: received − sent in ms (network delay plus clock skew); null before one. */
  last_skew_ms?: number | null;
  /** The latest batch's skew was over the allowed bound (its samples are not evidence). */
  skew_flagged?: boolean | null;
};

/**
 * The verbs of a workspace's probes and probe agents, for a server configured with `config`:
 * each checks the caller's role, validates its input, audits a write in its transaction.
 */
export function probeVerbs(config: ProbeServerConfig) {
  const listProbes: Verb<unknown, Page<StoredProbe>> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "viewer");
    const page = parseInput("query", PageQuery, input);
    const rows = await paginate(
      ctx.db.selectFrom("probes").selectAll().where("workspace_id", "=", ws),
      page,
    ).execute();
    const p = toPage(rows, page);
    return { items: p.items.map(probeFromRow), next_cursor: p.next_cursor };
  };

  const createProbe: Verb<unknown, StoredProbe> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "editor");
    const {
      vendor_id,
      id: _ignored,
      ...probe
    } = parseInput("body", ProbeCreate, input) as Record<string, unknown>;
    if (typeof vendor_id === "string") {
      const vendor = await ctx.db
        .selectFrom("vendors")
        .select("id")
        .where("workspace_id", "=", ws)
        .where("id", "=", vendor_id)
        .executeTakeFirst();
      if (!vendor) throw new NotFoundError("vendor", vendor_id);
    }
    return ctx.db.transaction().execute(async (trx) => {
      const p = await insertProbe(trx, {
        workspaceId: ws,
        vendorId: (vendor_id as string | null) ?? null,
        createdBy: actorOf(ctx),
        probe,
        now: ctx.now,
        policy: config.policy,
      });
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "create",
        entity: "probe",
        entityId: p.id,
        details: { kind: p.kind, url: p.url },
      });
      return p;
    });
  };

  const readProbe: Verb<unknown, StoredProbe> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "viewer");
    const { id } = parseInput("params", Item, input);
    return getProbe(ctx.db, ws, id);
  };

  /** Changes a probe; `version` (If-Match) stale → 409. */
  const changeProbe: Verb<unknown, StoredProbe> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "editor");
    const {
      id,
      version: expected,
      ...patch
    } = parseInput("body", ProbePatch, input) as Record<string, unknown> & { id: string; version?: number };
    return ctx.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom("probes")
        .select("version")
        .where("workspace_id", "=", ws)
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw new NotFoundError("probe", id);
      if (expected !== undefined && current.version !== expected) {
        throw new ConflictError(
          `probe ${id} is at version ${current.version}, not ${expected}; reload and retry`,
        );
      }
      const p = await updateProbe(trx, { workspaceId: ws, id, patch, now: ctx.now, policy: config.policy });
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "update",
        entity: "probe",
        entityId: id,
        details: { fields: Object.keys(patch) },
      });
      return p;
    });
  };

  const removeProbe: Verb<unknown, void> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "editor");
    const { id } = parseInput("params", Item, input);
    await ctx.db.transaction().execute(async (trx) => {
      await deleteProbe(trx, ws, id);
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "delete",
        entity: "probe",
        entityId: id,
      });
    });
  };

  const probeSamples: Verb<unknown, Page<StoredSampleView>> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "viewer");
    const { id } = parseInput("params", Item, input);
    const q = parseInput("query", SampleListQuery, input);
    await getProbe(ctx.db, ws, id);
    return listSamples(ctx.db, {
      workspaceId: ws,
      probeId: id,
      from: date(q.from),
      to: date(q.to),
      region: q.region,
      limit: q.limit,
      cursor: q.cursor,
    });
  };

  const probeRollups: Verb<unknown, Page<Awaited<ReturnType<typeof listRollups>>[number]>> = async ({
    ctx,
    input,
  }) => {
    const ws = requireRole(ctx, "viewer");
    const { id } = parseInput("params", Item, input);
    const q = parseInput("query", RollupQuery, input);
    await getProbe(ctx.db, ws, id);
    const items = await listRollups(ctx.db, {
      workspaceId: ws,
      probeId: id,
      resolution: q.resolution,
      from: date(q.from),
      to: date(q.to),
      region: q.region,
      limit: q.limit,
    });
    return { items, next_cursor: null };
  };

  /**
   * Runs a probe now from the server and stores the sample (editor). A target the SSRF guard
   * blocks is a ForbiddenError. The sample is the probe's own record, so no audit row is written.
   */
  const runProbeNow: Verb<unknown, ProbeSample> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "editor");
    const { id } = parseInput("params", Item, input);
    const probe = await getProbe(ctx.db, ws, id);
    const sample = await runProbe({
      ctx: {
        region: config.region,
        allow: config.allow(),
        // only the variables the operator allowed, and this workspace's own secrets
        secrets: {
          env: allowedEnvOf(config.env, config.policy.allowedEnv),
          file: await loadSecretValues(ctx.db, config.secretBox, ws),
        },
        maxBodyBytes: config.policy.maxBodyBytes,
        now: () => ctx.now,
      },
      input: { probe: definitionOf(probe) },
    });
    if (sample.blocked) throw new ForbiddenError(sample.error ?? "target blocked");
    await ctx.db.transaction().execute(async (trx) => {
      await storeSamples(trx, {
        workspaceId: ws,
        agentId: null,
        batchId: null,
        receivedAt: ctx.now,
        skewFlagged: false,
        samples: [sample],
      });
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "run",
        entity: "probe",
        entityId: id,
        details: { region: sample.region, ok: sample.ok },
      });
    });
    return sample;
  };

  const listAgents: Verb<unknown, Page<AgentView>> = async ({ ctx }) => {
    const ws = requireRole(ctx, "viewer");
    const items = await ctx.db
      .selectFrom("probe_agents")
      .select([...AGENT_COLUMNS])
      .select((eb) => {
        // The agent's latest batch (probe_batches' key starts with agent_id); of batches received
        // at the same instant, the one with the largest skew.
        const latest = () =>
          eb
            .selectFrom("probe_batches")
            .whereRef("probe_batches.agent_id", "=", "probe_agents.id")
            .orderBy("probe_batches.received_at", "desc")
            .orderBy(sql`abs(probe_batches.skew_ms)`, (ob) => ob.desc().nullsLast())
            .limit(1);
        return [
          latest().select("probe_batches.skew_ms").as("last_skew_ms"),
          latest().select("probe_batches.skew_flagged").as("skew_flagged"),
        ];
      })
      .where("workspace_id", "=", ws)
      .orderBy("created_at", "desc")
      .execute();
    return { items, next_cursor: null };
  };

  /** Registers a probe agent for a region (admin); its token is in this answer only. */
  const registerAgent: Verb<unknown, Awaited<ReturnType<typeof createAgent>>> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "admin");
    const body = parseInput("body", AgentCreate, input);
    return ctx.db.transaction().execute(async (trx) => {
      const a = await createAgent(trx, {
        workspaceId: ws,
        name: body.name,
        region: body.region,
        createdBy: actorOf(ctx),
        now: ctx.now,
      });
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "create",
        entity: "probe_agent",
        entityId: a.id,
        details: { region: a.region },
      });
      return a;
    });
  };

  const revokeAgent: Verb<unknown, void> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "admin");
    const { id } = parseInput("params", Item, input);
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable("probe_agents")
        .set({ revoked_at: ctx.now })
        .where("workspace_id", "=", ws)
        .where("id", "=", id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new NotFoundError("probe agent", id);
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "revoke",
        entity: "probe_agent",
        entityId: id,
      });
    });
  };

  return {
    listProbes,
    createProbe,
    readProbe,
    changeProbe,
    removeProbe,
    probeSamples,
    probeRollups,
    runProbeNow,
    listAgents,
    registerAgent,
    revokeAgent,
  };
}
