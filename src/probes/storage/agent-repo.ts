import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../context/index.js";
import { UnauthorizedError } from "../../errors/index.js";
import { newId } from "../../store/index.js";

export const AGENT_TOKEN_PREFIX = "tsa_";

export function hashAgentToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface ProbeAgent {
  id: string;
  workspace_id: string;
  name: string;
  region: string;
}

/** Creates an agent for a region; the token is returned once and stored hashed. */
export async function createAgent(
  db: Db,
  input: { workspaceId: string; name: string; region: string; createdBy: string | null; now: Date },
): Promise<ProbeAgent & { token: string; created_at: string }> {
  const token = `${AGENT_TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const id = newId();
  await db
    .insertInto("probe_agents")
    .values({
      id,
      workspace_id: input.workspaceId,
      name: input.name,
      region: input.region,
      token_hash: hashAgentToken(token),
      created_by: input.createdBy,
      created_at: input.now,
    })
    .execute();
  return {
    id,
    workspace_id: input.workspaceId,
    name: input.name,
    region: input.region,
    token,
    created_at: input.now.toISOString(),
  };
}

/** The agent a bearer token belongs to, or 401 (unknown or revoked). */
export async function agentForToken(
  db: Db,
  authorization: string | undefined,
): Promise<ProbeAgent & { token: string }> {
  const token = authorization?.startsWith(`Bearer ${AGENT_TOKEN_PREFIX}`)
    ? authorization.slice("Bearer ".length).trim()
    : null;
  if (!token) throw new UnauthorizedError("agent token required (Authorization: Bearer tsa_…)");
  const row = await db
    .selectFrom("probe_agents")
    .select(["id", "workspace_id", "name", "region", "revoked_at"])
    .where("token_hash", "=", hashAgentToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at)
    throw new UnauthorizedError(row ? "agent token revoked" : "unknown agent token");
  return { id: row.id, workspace_id: row.workspace_id, name: row.name, region: row.region, token };
}
