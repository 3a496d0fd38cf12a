import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import {
  AgentProbesQuery,
  agentProbeSet,
  ProbeBatch,
  pushAgentBatch,
  SIGNATURE_HEADER,
} from "../../probes/index.js";
import { instanceRoute } from "../workspace-route.js";

/** Allowed difference between an agent's clock and the server's before a batch is flagged (seconds). */
const MAX_SKEW_S = Number(process.env.TERMSIGHT_AGENT_MAX_SKEW_S ?? 30);
const MAX_BATCH_BYTES = 20 * 1024 * 1024;
const tags = ["agents"];

/** The verbs check the agent token and their input themselves (401 before 400), so nothing is parsed here. */
const readNothing = () => null;
const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * Probe agents: GET /agent/probes?region=R (the probe set) and POST /agent/batches (signed
 * samples). Authenticated with the agent token (`Authorization: Bearer tsa_…`), not a user, so
 * these two are instance routes open to anyone: the verbs check the token themselves.
 */
export const routes: FastifyPluginAsync = async (app) => {
  // batches are verified over the exact bytes signed, so this plugin keeps JSON bodies as text
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: MAX_BATCH_BYTES },
    (_req, body, done) => done(null, body),
  );

  instanceRoute(
    app,
    {
      method: "GET",
      path: "/agent/probes",
      access: "anyone",
      auth: false,
      tags,
      summary: "the probe set an agent runs in its region",
      query: AgentProbesQuery,
      readBody: readNothing,
      optionalBody: true,
      input: ({ request }) => ({
        authorization: request.headers.authorization,
        region: (request.query as { region?: unknown } | undefined)?.region,
      }),
    },
    agentProbeSet,
  );

  instanceRoute(
    app,
    {
      method: "POST",
      path: "/agent/batches",
      access: "anyone",
      auth: false,
      tags,
      summary: `push a batch of samples; ${SIGNATURE_HEADER}: sha256=HMAC-SHA256(agent token, body); idempotent by batch_id`,
      body: ProbeBatch,
      readBody: readNothing,
      optionalBody: true,
      input: ({ request }) => ({
        authorization: request.headers.authorization,
        rawBody: typeof request.body === "string" ? request.body : "",
        signature: header(request, SIGNATURE_HEADER),
        maxSkewMs: MAX_SKEW_S * 1000,
      }),
    },
    pushAgentBatch,
  );
};
