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
  termChangesAtom,
  WatchDeclaration,
} from "../../watch/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { rawBody, workspaceRoute } from "../workspace-route.js";

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
type FetchNow = z.output<typeof FetchNowBody>;

/**
 * Watched vendor documents, term changes (Atom), vendor status sources, declared vs measured:
 * one declaration per route over a verb of src/watch.
 */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/watches",
      role: "viewer",
      tags,
      summary: "watched vendor documents",
      query: VendorQuery,
    },
    listWatches,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/watches",
      role: "editor",
      tags,
      summary: "create or replace (by vendor and name) a watched document",
      body: WatchDeclaration,
      readBody: rawBody,
      input: ({ body }) => body as never,
    },
    putWatch,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/watches.yaml",
      role: "viewer",
      tags,
      summary: "the declarations as termsight.watch/v1 YAML (terms as code)",
    },
    exportWatchFile,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/watches.yaml",
      role: "editor",
      tags,
      summary: "apply a termsight.watch/v1 YAML file (each declaration created or replaced, one transaction)",
      body: WatchFileBody,
    },
    applyWatchFile,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/watches/fetch-now",
      role: "viewer",
      tags,
      summary: "dry run of a declaration not yet saved: fetch and extract, store nothing",
      body: FetchNowBody,
      input: ({ body }) => ({ declaration: (body as FetchNow).declaration as never, dry_run: true }),
    },
    fetchWatchNow,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/watches/:id/fetch-now",
      role: "viewer",
      tags,
      summary:
        "fetch a watch now: a dry run by default (viewer), or the full check with dry_run false (editor)",
      params: WorkspaceItemParams,
      body: FetchNowBody,
      optionalBody: true,
      input: ({ params, body }) => {
        const { declaration, dry_run } = body as FetchNow;
        return { id: String(params.id), declaration: declaration as never, dry_run };
      },
    },
    fetchWatchNow,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/watches/:id/versions",
      role: "viewer",
      tags,
      summary:
        "versions a watch made, each with its commitment diff (against the previous version and the signed contract) and text diff",
      params: WorkspaceItemParams,
      input: ({ params }) => ({ watch_id: String(params.id) }),
    },
    listWatchVersions,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/term-changes.atom",
      role: "viewer",
      tags,
      summary: "Atom feed of the workspace's vendor term changes",
      input: ({ request }) => ({ self_url: `${request.protocol}://${request.host}${request.url}` }),
    },
    termChangesAtom,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/vendors/:vendorId/watch-findings",
      role: "viewer",
      tags,
      summary: "findings on a vendor from watching it (weakened published commitments)",
      params: VendorParams,
      input: ({ params }) => ({ vendor_id: String(params.vendorId) }),
    },
    listVendorFindings,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/status-sources",
      role: "editor",
      tags,
      summary: "add a vendor status source (Statuspage v2 or compatible base URL, or an RSS/Atom feed)",
      body: StatusSourceInput,
      readBody: rawBody,
      input: ({ body }) => body as never,
      status: 201,
    },
    addStatusSource,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/status-sources/:id/component-map",
      role: "editor",
      tags,
      summary: "edit the vendor component → covered services mapping",
      params: WorkspaceItemParams,
      body: ComponentMapBody,
      input: ({ params, body }) => ({
        source_id: String(params.id),
        component_map: (body as z.output<typeof ComponentMapBody>).component_map,
      }),
    },
    setComponentMap,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/status-sources/:id/poll",
      role: "editor",
      tags,
      summary: "poll a status source now",
      params: WorkspaceItemParams,
      input: ({ params }) => ({ source_id: String(params.id) }),
    },
    pollStatusSourceNow,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/status-records",
      role: "viewer",
      tags,
      summary: "incidents and maintenance vendors declared, with first-seen time",
      query: VendorQuery,
    },
    listStatusRecords,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/vendors/:vendorId/declared-vs-measured",
      role: "viewer",
      tags,
      summary:
        "vendor incidents vs probe outages: overlap, who saw it first, disagreeing minutes; maintenance notice vs committed",
      params: VendorParams,
      query: DvmQuery,
      input: ({ params, query }) => ({
        ...(query as z.output<typeof DvmQuery>),
        vendor_id: String(params.vendorId),
      }),
    },
    declaredVsMeasured,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/contracts/:id/deadlines",
      role: "viewer",
      tags,
      summary:
        "computed deadlines of a contract: term end, non-renewal notice, renewal, price-change notice, data export after termination (calendar or business days on the contract's calendar)",
      params: WorkspaceItemParams,
      body: DeadlinesBody,
      optionalBody: true,
      input: ({ params, body }) => ({ contract_id: String(params.id), dates: body.dates as never }),
    },
    contractDeadlines,
  );
};
