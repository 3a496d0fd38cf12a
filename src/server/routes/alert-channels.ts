import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  type AlertDeps,
  AlertSettingsInput,
  alertAllowlist,
  applyAlertChannelsFile,
  CHANNEL_KINDS,
  ChannelInput,
  ChannelPatch,
  createAlertChannel,
  deleteAlertChannel,
  exportAlertChannelsFile,
  getAlertSettings,
  getProbeStatus,
  listAlertChannels,
  listAlerts,
  ProbeAlertPolicyInput,
  putAlertSettings,
  putProbeAlertPolicy,
  testAlertChannel,
  updateAlertChannel,
} from "../../alerts/index.js";
import { WorkspaceItemParams, WorkspaceParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const AlertsQuery = z.object({
  status: z.enum(["firing", "resolved"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ChannelsFileBody = z.object({ yaml: z.string().max(1_000_000) });
const StatusQuery = z.object({ minutes: z.coerce.number().int().min(1).max(1440).default(60) });

/**
 * Alert channels (kinds: webhook, slack, feishu, dingtalk, wecom, email), the workspace's alert
 * settings, alerts with their deliveries, a probe's N-of-M policy and readable status: one
 * declaration per route over a verb of src/alerts. Channel configs are write-only.
 */
export const routes: FastifyPluginAsync = async (app) => {
  // The operator's allow-list for private destinations is read once; shown in the channel list.
  const allowlist = alertAllowlist(process.env);
  const deps = (): AlertDeps => ({ box: app.secretBox, send: { allow: allowlist.allow } });
  const tags = ["alerts"];

  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/alert-channels",
      role: "viewer",
      tags,
      summary: `alert channels with their delivery status (viewer); kinds: ${CHANNEL_KINDS.join(", ")}; \`allow\` lists the private destinations the operator allows (TERMSIGHT_ALERT_ALLOW)`,
      params: WorkspaceParams,
      view: (items) => ({ items, allow: allowlist.entries, kinds: CHANNEL_KINDS }),
    },
    listAlertChannels,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/alert-channels",
      role: "admin",
      tags,
      summary:
        "add an alert channel (admin): the config (URL, signing secret, SMTP password) is sealed at rest and never shown again",
      params: WorkspaceParams,
      body: ChannelInput,
      status: 201,
      input: ({ body }) => body as z.infer<typeof ChannelInput>,
    },
    (args) => createAlertChannel(args, deps()),
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws/alert-channels/:id",
      role: "admin",
      tags,
      summary: "change an alert channel (admin): name, config, enable/disable, routing, quiet hours",
      params: WorkspaceItemParams,
      body: ChannelPatch,
      input: ({ params, body }) => ({ id: String(params.id), patch: body as z.infer<typeof ChannelPatch> }),
    },
    (args) => updateAlertChannel(args, deps()),
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: "/workspaces/:ws/alert-channels/:id",
      role: "admin",
      tags,
      summary: "delete an alert channel and its deliveries (admin)",
      params: WorkspaceItemParams,
      status: 204,
      input: ({ params }) => ({ id: String(params.id) }),
    },
    deleteAlertChannel,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/alert-channels.yaml",
      role: "viewer",
      tags,
      summary:
        "the channels as termsight.alert-channels/v1 YAML (terms as code): kind, name, routing, quiet hours, target without tokens; never a secret",
      params: WorkspaceParams,
      send: (reply, yaml) => reply.type("application/yaml; charset=utf-8").send(yaml),
    },
    exportAlertChannelsFile,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/alert-channels.yaml",
      role: "admin",
      tags,
      summary:
        'apply a channels file (admin): existing channels (by name) take its routing; new ones are created disabled with "secret missing" until given their config',
      params: WorkspaceParams,
      body: ChannelsFileBody,
      input: ({ body }) => body as z.infer<typeof ChannelsFileBody>,
    },
    applyAlertChannelsFile,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/alert-channels/:id/test",
      role: "editor",
      tags,
      summary:
        "send a test message now (editor); the answer and the channel's new status say whether it works",
      params: WorkspaceItemParams,
      input: ({ params }) => ({ id: String(params.id) }),
    },
    (args) => testAlertChannel(args, deps()),
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/alerts",
      role: "viewer",
      tags,
      summary: "alerts, firing first, with each delivery's status, attempts and last error (viewer)",
      params: WorkspaceParams,
      query: AlertsQuery,
      input: ({ query }) => query as z.infer<typeof AlertsQuery>,
      view: (items) => ({ items }),
    },
    listAlerts,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/alert-settings",
      role: "viewer",
      tags,
      summary: "the language alerts are worded in and the link base (viewer)",
      params: WorkspaceParams,
    },
    getAlertSettings,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/alert-settings",
      role: "admin",
      tags,
      summary: "set the alert language (zh/en) and the web UI base URL for evidence links (admin)",
      params: WorkspaceParams,
      body: AlertSettingsInput,
      input: ({ body }) => body as z.infer<typeof AlertSettingsInput>,
    },
    putAlertSettings,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/probes/:id/alert-policy",
      role: "editor",
      tags,
      summary: "how many of a probe's regions must fail at once before it alerts (editor; null = a majority)",
      params: WorkspaceItemParams,
      body: ProbeAlertPolicyInput,
      input: ({ params, body }) => ({
        probeId: String(params.id),
        ...(body as z.infer<typeof ProbeAlertPolicyInput>),
      }),
    },
    putProbeAlertPolicy,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/probes/:id/status",
      role: "viewer",
      tags: ["probes"],
      summary:
        "a probe's status (up/degraded/down/no_data) per region with the last error and its phase, and a per-minute heartbeat (viewer)",
      params: WorkspaceItemParams,
      query: StatusQuery,
      input: ({ params, query }) => ({
        probeId: String(params.id),
        minutes: (query as z.infer<typeof StatusQuery>).minutes,
      }),
    },
    getProbeStatus,
  );
};
