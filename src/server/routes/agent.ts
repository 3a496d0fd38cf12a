import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { ForbiddenError } from "../../errors/index.js";
import {
  agentForToken,
  ingestBatch,
  ProbeBatch,
  probesForRegion,
  SIGNATURE_HEADER,
} from "../../probes/index.js";
import { docs, parseQuery } from "../validation.js";

const AgentProbesQuery = z.object({ region: z.string().min(1).max(64) });

/** Allowed difference between an agent's clock and the server's before a batch is flagged (seconds). */
const MAX_SKEW_S = Number(process.env.TERMSIGHT_AGENT_MAX_SKEW_S ?? 30);
const MAX_BATCH_BYTES = 20 * 1024 * 1024;

/**
 * Probe agents: GET /agent/probes?region=R (the probe set) and POST /agent/batches (signed
 * samples). Authenticated with the agent token (`Authorization: Bearer tsa_…`), not a user.
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  // batches are verified over the exact bytes signed, so this plugin keeps JSON bodies as text
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: MAX_BATCH_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    "/agent/probes",
    {
      schema: docs({
        tags: ["agents"],
        summary: "the probe set an agent runs in its region",
        querystring: AgentProbesQuery,
        auth: false,
      }),
    },
    async (request) => {
      const { region } = parseQuery(AgentProbesQuery, request.query);
      const agent = await agentForToken(db, request.headers.authorization);
      if (agent.region !== region)
        throw new ForbiddenError(`this agent is registered for region ${agent.region}, not ${region}`);
      await db
        .updateTable("probe_agents")
        .set({ last_seen_at: app.now() })
        .where("id", "=", agent.id)
        .execute();
      const probes = await probesForRegion(db, agent.workspace_id, region);
      return { region, server_time: app.now().toISOString(), probes };
    },
  );

  app.post(
    "/agent/batches",
    {
      schema: docs({
        tags: ["agents"],
        summary: `push a batch of samples; ${SIGNATURE_HEADER}: sha256=HMAC-SHA256(agent token, body); idempotent by batch_id`,
        body: ProbeBatch,
        auth: false,
      }),
    },
    async (request) => {
      const agent = await agentForToken(db, request.headers.authorization);
      const rawBody = typeof request.body === "string" ? request.body : "";
      const signature = request.headers[SIGNATURE_HEADER];
      return ingestBatch({
        ctx: { db, now: app.now(), maxSkewMs: MAX_SKEW_S * 1000 },
        input: { agent, rawBody, signature: typeof signature === "string" ? signature : undefined },
      });
    },
  );
};
