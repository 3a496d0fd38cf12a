import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  addStatusSource,
  applyWatchFile,
  contractDeadlines,
  DeclaredVsMeasuredInput,
  declaredVsMeasured,
  exportWatchFile,
  fetchWatchNow,
  listStatusRecords,
  listVendorFindings,
  listWatches,
  listWatchVersions,
  pollStatusSourceNow,
  putWatch,
  StatusSourceInput,
  setComponentMap,
  termChangesFeed,
  WatchDeclaration,
} from "../../watch/index.js";
import { requestCtx } from "../request-ctx.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";

const tags = ["watch"];
const VendorQuery = z.object({ vendor_id: z.string().min(1).optional() });
const VendorParams = z.object({ ws: z.string().min(1), vendorId: z.string().min(1) });
const FetchNowBody = z.object({
  declaration: z.unknown().optional(),
  dry_run: z.boolean().default(true),
});
const WatchFileBody = z.object({ yaml: z.string().max(2_000_000) });
const ComponentMapBody = z.object({ component_map: z.record(z.string(), z.array(z.string())) });
const DeadlinesBody = z.object({ dates: z.unknown().optional() });
const DvmQuery = DeclaredVsMeasuredInput.omit({ vendor_id: true }).extend({
  committed_notice_hours: z.coerce.number().nonnegative().nullable().default(null),
});

/** Watched vendor documents, term changes (Atom), vendor status sources, declared vs measured. */
export const routes: FastifyPluginAsync = async (app) => {
  app.get(
    "/workspaces/:ws/watches",
    {
      schema: docs({
        tags,
        summary: "watched vendor documents",
        params: WorkspaceParams,
        querystring: VendorQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return listWatches({
        ctx: await requestCtx(request, ws),
        input: parseQuery(VendorQuery, request.query),
      });
    },
  );

  app.put(
    "/workspaces/:ws/watches",
    {
      config: { bodyRole: "editor" },
      schema: docs({
        tags,
        summary: "create or replace (by vendor and name) a watched document",
        params: WorkspaceParams,
        body: WatchDeclaration,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return putWatch({ ctx: await requestCtx(request, ws), input: request.body as never });
    },
  );

  app.get(
    "/workspaces/:ws/watches.yaml",
    {
      schema: docs({
        tags,
        summary: "the declarations as termsight.watch/v1 YAML (terms as code)",
        params: WorkspaceParams,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const yaml = await exportWatchFile({ ctx: await requestCtx(request, ws), input: {} });
      return reply.type("application/yaml; charset=utf-8").send(yaml);
    },
  );

  app.post(
    "/workspaces/:ws/watches.yaml",
    {
      config: { bodyRole: "editor" },
      schema: docs({
        tags,
        summary:
          "apply a termsight.watch/v1 YAML file (each declaration created or replaced, one transaction)",
        params: WorkspaceParams,
        body: WatchFileBody,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return applyWatchFile({
        ctx: await requestCtx(request, ws),
        input: parseBody(WatchFileBody, request.body),
      });
    },
  );

  app.post(
    "/workspaces/:ws/watches/fetch-now",
    {
      config: { bodyRole: "viewer" },
      schema: docs({
        tags,
        summary: "dry run of a declaration not yet saved: fetch and extract, store nothing",
        params: WorkspaceParams,
        body: FetchNowBody,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      const body = parseBody(FetchNowBody, request.body);
      return fetchWatchNow({
        ctx,
        input: { declaration: body.declaration as never, dry_run: true },
      });
    },
  );

  app.post(
    "/workspaces/:ws/watches/:id/fetch-now",
    {
      config: { bodyRole: "viewer" },
      schema: docs({
        tags,
        summary:
          "fetch a watch now: a dry run by default (viewer), or the full check with dry_run false (editor)",
        params: WorkspaceItemParams,
        body: FetchNowBody,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const body = parseBody(FetchNowBody, request.body ?? {});
      return fetchWatchNow({
        ctx,
        input: { id, declaration: body.declaration as never, dry_run: body.dry_run },
      });
    },
  );

  app.get(
    "/workspaces/:ws/watches/:id/versions",
    {
      schema: docs({
        tags,
        summary:
          "versions a watch made, each with its commitment diff (against the previous version and the signed contract) and text diff",
        params: WorkspaceItemParams,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      return listWatchVersions({ ctx: await requestCtx(request, ws), input: { watch_id: id } });
    },
  );

  app.get(
    "/workspaces/:ws/term-changes.atom",
    {
      schema: docs({
        tags,
        summary: "Atom feed of the workspace's vendor term changes",
        params: WorkspaceParams,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const selfUrl = `${request.protocol}://${request.host}${request.url}`;
      const xml = await termChangesFeed({ ctx: await requestCtx(request, ws), input: { self_url: selfUrl } });
      return reply.type("application/atom+xml; charset=utf-8").send(xml);
    },
  );

  app.get(
    "/workspaces/:ws/vendors/:vendorId/watch-findings",
    {
      schema: docs({
        tags,
        summary: "findings on a vendor from watching it (weakened published commitments)",
        params: VendorParams,
      }),
    },
    async (request) => {
      const { ws, vendorId } = parseParams(VendorParams, request.params);
      return listVendorFindings({ ctx: await requestCtx(request, ws), input: { vendor_id: vendorId } });
    },
  );

  app.post(
    "/workspaces/:ws/status-sources",
    {
      config: { bodyRole: "editor" },
      schema: docs({
        tags,
        summary: "add a vendor status source (Statuspage v2 or compatible base URL, or an RSS/Atom feed)",
        params: WorkspaceParams,
        body: StatusSourceInput,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return reply
        .status(201)
        .send(await addStatusSource({ ctx: await requestCtx(request, ws), input: request.body as never }));
    },
  );

  app.put(
    "/workspaces/:ws/status-sources/:id/component-map",
    {
      config: { bodyRole: "editor" },
      schema: docs({
        tags,
        summary: "edit the vendor component → covered services mapping",
        params: WorkspaceItemParams,
        body: ComponentMapBody,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const body = parseBody(ComponentMapBody, request.body);
      return setComponentMap({
        ctx,
        input: { source_id: id, component_map: body.component_map },
      });
    },
  );

  app.post(
    "/workspaces/:ws/status-sources/:id/poll",
    {
      config: { bodyRole: "editor" },
      schema: docs({ tags, summary: "poll a status source now", params: WorkspaceItemParams }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      return pollStatusSourceNow({ ctx: await requestCtx(request, ws), input: { source_id: id } });
    },
  );

  app.get(
    "/workspaces/:ws/status-records",
    {
      schema: docs({
        tags,
        summary: "incidents and maintenance vendors declared, with first-seen time",
        params: WorkspaceParams,
        querystring: VendorQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return listStatusRecords({
        ctx: await requestCtx(request, ws),
        input: parseQuery(VendorQuery, request.query),
      });
    },
  );

  app.get(
    "/workspaces/:ws/vendors/:vendorId/declared-vs-measured",
    {
      schema: docs({
        tags,
        summary:
          "vendor incidents vs probe outages: overlap, who saw it first, disagreeing minutes; maintenance notice vs committed",
        params: VendorParams,
        querystring: DvmQuery,
      }),
    },
    async (request) => {
      const { ws, vendorId } = parseParams(VendorParams, request.params);
      const ctx = await requestCtx(request, ws);
      const q = parseQuery(DvmQuery, request.query);
      return declaredVsMeasured({ ctx, input: { ...q, vendor_id: vendorId } });
    },
  );

  app.post(
    "/workspaces/:ws/contracts/:id/deadlines",
    {
      config: { bodyRole: "viewer" },
      schema: docs({
        tags,
        summary:
          "computed deadlines of a contract: term end, non-renewal notice, renewal, price-change notice, data export after termination (calendar or business days on the contract's calendar)",
        params: WorkspaceItemParams,
        body: DeadlinesBody,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const body = parseBody(DeadlinesBody, request.body ?? {});
      return contractDeadlines({
        ctx,
        input: { contract_id: id, dates: body.dates as never },
      });
    },
  );
};
