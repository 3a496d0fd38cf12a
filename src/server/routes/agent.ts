import type { FastifyPluginAsync } from "fastify";
import {
  AgentProbesQuery,
  agentProbeSet,
  ProbeBatch,
  pushAgentBatch,
  SIGNATURE_HEADER,
} from "../../probes/index.js";
import { requestCtx } from "../request-ctx.js";
import { docs } from "../validation.js";

/** Allowed difference between an agent's clock and the server's before a batch is flagged (seconds). */
const MAX_SKEW_S = Number(process.env.TERMSIGHT_AGENT_MAX_SKEW_S ?? 30);
const MAX_BATCH_BYTES = 20 * 1024 * 1024;

/**
 * Probe agents: GET /agent/probes?region=R (the probe set) and POST /agent/batches (signed
 * samples). Authenticated with the agent token (`Authorization: Bearer tsa_…`), not a user, so
 * these two are not workspace routes: the verbs check the token themselves.
 */
export const routes: FastifyPluginAsync = async (app) => {
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
    async (request) =>
      agentProbeSet({
        ctx: await requestCtx(request, null),
        input: {
          authorization: request.headers.authorization,
          region: (request.query as { region?: unknown } | undefined)?.region,
        },
      }),
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
      const signature = request.headers[SIGNATURE_HEADER];
      return pushAgentBatch({
        ctx: await requestCtx(request, null),
        input: {
          authorization: request.headers.authorization,
          rawBody: typeof request.body === "string" ? request.body : "",
          signature: typeof signature === "string" ? signature : undefined,
          maxSkewMs: MAX_SKEW_S * 1000,
        },
      });
    },
  );
};
