import type { FastifyPluginAsync } from "fastify";
import {
  ListMaintenanceNoticesInput,
  listMaintenanceNotices,
  RecordMaintenanceNoticeInput,
  recordMaintenanceNotice,
  UpdateMaintenanceNoticeInput,
  updateMaintenanceNotice,
} from "../../tickets/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const tags = ["maintenance"];

/** Maintenance notices: the notice given against the contract's committed notice period. */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/maintenance-notices",
      role: "viewer",
      tags,
      summary: "maintenance notices newest first (?late=true for short notice)",
      query: ListMaintenanceNoticesInput,
      input: ({ request }) => request.query,
    },
    listMaintenanceNotices,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/maintenance-notices",
      role: "editor",
      tags,
      summary: "record a maintenance notice; flagged late when less notice than maintenance.notice_hours",
      body: RecordMaintenanceNoticeInput,
      input: ({ request }) => request.body,
      status: 201,
    },
    recordMaintenanceNotice,
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws/maintenance-notices/:id",
      role: "editor",
      tags,
      summary: "correct a maintenance notice; judged again against the committed notice period",
      params: WorkspaceItemParams,
      body: UpdateMaintenanceNoticeInput.omit({ id: true }),
      optionalBody: true,
      input: ({ params, request }) => ({
        ...(request.body && typeof request.body === "object" ? request.body : {}),
        id: params.id,
      }),
    },
    updateMaintenanceNotice,
  );
};
