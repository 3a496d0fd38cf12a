import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { SecretPut, secretVerbs } from "../../workspaces/index.js";
import { workspaceRoute } from "../workspace-route.js";

const SecretParams = z.object({ ws: z.string().min(1), name: z.string().min(1).max(128) });
const tags = ["secrets"];

/** Workspace secrets for probe placeholders (`${secret:NAME}`): names listed, values never answered. */
export const routes: FastifyPluginAsync = async (app) => {
  const { listSecrets, setSecret, removeSecret } = secretVerbs(app.secretBox);
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/secrets",
      role: "editor",
      tags,
      summary: "names of the workspace's probe secrets with created/updated times (never values; editor)",
    },
    listSecrets,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/secrets/:name",
      role: "admin",
      tags,
      summary: `set a probe secret, used as \${secret:NAME} in a probe's url, headers or body (admin; 201 created, 200 replaced; the value is never shown again)`,
      params: SecretParams,
      body: SecretPut,
      status: (s) => (s.created ? 201 : 200),
      view: ({ created: _created, ...shown }) => shown,
    },
    setSecret,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: "/workspaces/:ws/secrets/:name",
      role: "admin",
      tags,
      summary: "delete a probe secret (admin); probes using it then fail with a clear error",
      params: SecretParams,
      status: 204,
    },
    removeSecret,
  );
};
