import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { listStatusSources } from "../../watch/index.js";
import { WorkspaceParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const VendorQuery = z.object({ vendor_id: z.string().min(1).optional() });

/** Watch routes added beside routes/watch.ts: the status sources list the web UI edits. */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/status-sources",
      role: "viewer",
      tags: ["watch"],
      summary:
        "vendor status sources with state (pending/ok/unreadable and its error), last poll, component map and the component names seen (viewer)",
      params: WorkspaceParams,
      query: VendorQuery,
      input: ({ query }) => query as z.infer<typeof VendorQuery>,
      view: (items) => ({ items }),
    },
    listStatusSources,
  );
};
