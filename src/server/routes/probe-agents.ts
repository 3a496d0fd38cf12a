import type { FastifyPluginAsync } from "fastify";
import { AgentCreate, type probeVerbs } from "../../probes/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const tags = ["probes"];

/** GET/POST /workspaces/:ws/agents, DELETE /workspaces/:ws/agents/:id (registered by `probes.ts`). */
export const agentAdminRoutes: FastifyPluginAsync<{ verbs: ReturnType<typeof probeVerbs> }> = async (
  app,
  { verbs },
) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/agents",
      role: "viewer",
      tags,
      summary: "probe agents (never the token)",
    },
    verbs.listAgents,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/agents",
      role: "admin",
      tags,
      summary: "register a probe agent for a region; the token is shown once",
      body: AgentCreate,
      status: 201,
    },
    verbs.registerAgent,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: "/workspaces/:ws/agents/:id",
      role: "admin",
      tags,
      summary: "revoke a probe agent's token",
      params: WorkspaceItemParams,
      status: 204,
    },
    verbs.revokeAgent,
  );
};
