import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  type AlertDeps,
  AlertSettingsInput,
  alertAllowlist,
  CHANNEL_KINDS,
  ChannelInput,
  ChannelPatch,
  createAlertChannel,
  deleteAlertChannel,
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
import { requireRole } from "../../context/index.js";
import { requestCtx } from "../request-ctx.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";

const AlertsQuery = z.object({
  status: z.enum(["firing", "resolved"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const StatusQuery = z.object({ minutes: z.coerce.number().int().min(1).max(1440).default(60) });

/**
 * Alert channels (kinds: webhook, slack, feishu, dingtalk, wecom, email), the workspace's alert
 * settings, alerts with their deliveries, a probe's N-of-M policy and readable status. Thin: each
 * handler parses, builds the ctx and calls a verb of src/alerts. Channel configs are write-only.
 */
export const routes: FastifyPluginAsync = async (app) => {
  // The operator's allow-list for private destinations is read once; shown in the channel list.
  const allowlist = alertAllowlist(process.env);
  const deps = (): AlertDeps => ({ box: app.secretBox, send: { allow: allowlist.allow } });
  const tags = ["alerts"];

  app.get(
    "/workspaces/:ws/alert-channels",
    {
      schema: docs({
        tags,
        summary: `alert channels with their delivery status (viewer); kinds: ${CHANNEL_KINDS.join(", ")}; \`allow\` lists the private destinations the operator allows (TERMSIGHT_ALERT_ALLOW)`,
        params: WorkspaceParams,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      return { items: await listAlertChannels({ ctx }), allow: allowlist.entries, kinds: CHANNEL_KINDS };
    },
  );

  app.post(
    "/workspaces/:ws/alert-channels",
    {
      schema: docs({
        tags,
        summary:
          "add an alert channel (admin): the config (URL, signing secret, SMTP password) is sealed at rest and never shown again",
        params: WorkspaceParams,
        body: ChannelInput,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      requireRole(ctx, "admin"); // before the body is parsed: a caller who may not act hears 403
      const input = parseBody(ChannelInput, request.body);
      return reply.status(201).send(await createAlertChannel({ ctx, input }, deps()));
    },
  );

  app.patch(
    "/workspaces/:ws/alert-channels/:id",
    {
      schema: docs({
        tags,
        summary: "change an alert channel (admin): name, config, enable/disable, routing, quiet hours",
        params: WorkspaceItemParams,
        body: ChannelPatch,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      requireRole(ctx, "admin"); // before the body is parsed: a caller who may not act hears 403
      const patch = parseBody(ChannelPatch, request.body);
      return updateAlertChannel({ ctx, input: { id, patch } }, deps());
    },
  );

  app.delete(
    "/workspaces/:ws/alert-channels/:id",
    {
      schema: docs({
        tags,
        summary: "delete an alert channel and its deliveries (admin)",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      await deleteAlertChannel({ ctx, input: { id } });
      return reply.status(204).send();
    },
  );

  app.post(
    "/workspaces/:ws/alert-channels/:id/test",
    {
      schema: docs({
        tags,
        summary:
          "send a test message now (editor); the answer and the channel's new status say whether it works",
        params: WorkspaceItemParams,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      return testAlertChannel({ ctx, input: { id } }, deps());
    },
  );

  app.get(
    "/workspaces/:ws/alerts",
    {
      schema: docs({
        tags,
        summary: "alerts, firing first, with each delivery's status, attempts and last error (viewer)",
        params: WorkspaceParams,
        querystring: AlertsQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      const q = parseQuery(AlertsQuery, request.query);
      return { items: await listAlerts({ ctx, input: q }) };
    },
  );

  app.get(
    "/workspaces/:ws/alert-settings",
    {
      schema: docs({
        tags,
        summary: "the language alerts are worded in and the link base (viewer)",
        params: WorkspaceParams,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return getAlertSettings({ ctx: await requestCtx(request, ws) });
    },
  );

  app.put(
    "/workspaces/:ws/alert-settings",
    {
      schema: docs({
        tags,
        summary: "set the alert language (zh/en) and the web UI base URL for evidence links (admin)",
        params: WorkspaceParams,
        body: AlertSettingsInput,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      requireRole(ctx, "admin"); // before the body is parsed: a caller who may not act hears 403
      const input = parseBody(AlertSettingsInput, request.body);
      return putAlertSettings({ ctx, input });
    },
  );

  app.put(
    "/workspaces/:ws/probes/:id/alert-policy",
    {
      schema: docs({
        tags,
        summary:
          "how many of a probe's regions must fail at once before it alerts (editor; null = a majority)",
        params: WorkspaceItemParams,
        body: ProbeAlertPolicyInput,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      requireRole(ctx, "editor"); // before the body is parsed: a caller who may not act hears 403
      const input = parseBody(ProbeAlertPolicyInput, request.body);
      return putProbeAlertPolicy({ ctx, input: { probeId: id, ...input } });
    },
  );

  app.get(
    "/workspaces/:ws/probes/:id/status",
    {
      schema: docs({
        tags: ["probes"],
        summary:
          "a probe's status (up/degraded/down/no_data) per region with the last error and its phase, and a per-minute heartbeat (viewer)",
        params: WorkspaceItemParams,
        querystring: StatusQuery,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const { minutes } = parseQuery(StatusQuery, request.query);
      return getProbeStatus({ ctx, input: { probeId: id, minutes } });
    },
  );
};
