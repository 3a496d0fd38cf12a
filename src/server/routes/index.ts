import type { FastifyPluginAsync } from "fastify";

/**
 * Every route file of the API, registered under `/api/v1` in this order. Add one line per
 * resource; each file exports `routes: FastifyPluginAsync` with full paths
 * (`/workspaces/:ws/tickets`, …), one `workspaceRoute`/`instanceRoute` declaration per route calling a
 * verb of a domain folder (files not yet converted still call `requireMember` in each handler).
 */
export const routeModules: { name: string; load: () => Promise<{ routes: FastifyPluginAsync }> }[] = [
  { name: "setup", load: () => import("./setup.js") },
  { name: "auth", load: () => import("./auth.js") },
  { name: "account", load: () => import("./account.js") },
  { name: "admin", load: () => import("./admin.js") },
  { name: "charts", load: () => import("./charts.js") },
  { name: "workspaces", load: () => import("./workspaces.js") },
  { name: "members", load: () => import("./members.js") },
  { name: "invitations", load: () => import("./invitations.js") },
  { name: "tokens", load: () => import("./tokens.js") },
  { name: "vendors", load: () => import("./vendors.js") },
  { name: "audit", load: () => import("./audit.js") },
  { name: "documents", load: () => import("./documents.js") },
  { name: "reviews", load: () => import("./reviews.js") },
  { name: "review-export", load: () => import("./review-export.js") },
  { name: "review", load: () => import("./review.js") },
  { name: "contracts", load: () => import("./contracts.js") },
  { name: "probes", load: () => import("./probes.js") },
  { name: "secrets", load: () => import("./secrets.js") },
  { name: "agent", load: () => import("./agent.js") },
  { name: "availability", load: () => import("./availability.js") },
  { name: "tickets", load: () => import("./tickets.js") },
  { name: "incidents", load: () => import("./incidents.js") },
  { name: "maintenance", load: () => import("./maintenance.js") },
  { name: "archive", load: () => import("./archive.js") },
  { name: "watch", load: () => import("./watch.js") },
  { name: "watch-extra", load: () => import("./watch-extra.js") },
  { name: "reports", load: () => import("./reports.js") },
  { name: "alert-channels", load: () => import("./alert-channels.js") },
];
