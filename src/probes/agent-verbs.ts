import { z } from "zod";
import { type Ctx, parseInput } from "../context/index.js";
import { ForbiddenError } from "../errors/index.js";
import { agentForToken, type IngestResult, ingestBatch, probesForRegion } from "./storage/index.js";

// The verbs a probe agent calls. Its permission is its token (`Authorization: Bearer tsa_…`),
// not a workspace role: agentForToken is the check each makes first (401 for a bad token).

export const AgentProbesQuery = z.object({ region: z.string().min(1).max(64) });

/** The probe set an agent runs in its region; marks the agent seen. */
export async function agentProbeSet({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { authorization: string | undefined; region: unknown };
}): Promise<{ region: string; server_time: string; probes: Awaited<ReturnType<typeof probesForRegion>> }> {
  const { region } = parseInput("query", AgentProbesQuery, { region: input.region });
  const agent = await agentForToken(ctx.db, input.authorization);
  if (agent.region !== region)
    throw new ForbiddenError(`this agent is registered for region ${agent.region}, not ${region}`);
  await ctx.db
    .updateTable("probe_agents")
    .set({ last_seen_at: ctx.now })
    .where("id", "=", agent.id)
    .execute();
  const probes = await probesForRegion(ctx.db, agent.workspace_id, region);
  return { region, server_time: ctx.now.toISOString(), probes };
}

/** A signed batch of samples from an agent, verified over its exact bytes; idempotent by batch id. */
export async function pushAgentBatch({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: {
    authorization: string | undefined;
    rawBody: string;
    signature: string | undefined;
    maxSkewMs: number;
  };
}): Promise<IngestResult> {
  const agent = await agentForToken(ctx.db, input.authorization);
  return ingestBatch({
    ctx: { db: ctx.db, now: ctx.now, maxSkewMs: input.maxSkewMs },
    input: { agent, rawBody: input.rawBody, signature: input.signature },
  });
}
