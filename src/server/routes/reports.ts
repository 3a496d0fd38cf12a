import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  ClaimPackInput,
  claimPackFile,
  listStoredReports,
  REPORT_LANGS,
  ReportFileInput,
  reportFile,
  reviewPdf,
  StoredReportFileInput,
  StoreReportInput,
  storedReportFile,
  storeReport,
} from "../../report/index.js";
import { RateTicketInput, rateTicket } from "../../tickets/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const LangQuery = z.object({ lang: z.enum(REPORT_LANGS).optional() });
const ClaimPackQuery = ClaimPackInput.omit({ contract_id: true });
const RateBody = RateTicketInput.omit({ ticket_id: true });

/**
 * Reports (built on demand or stored), the review PDF, the claim pack and the buyer's satisfaction
 * score for a solved ticket: one declaration per route over a verb of src/report (files are the
 * verbs' FileResults, sent as downloads).
 */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/reports/build",
      role: "viewer",
      tags: ["reports"],
      summary: "an SLA report / quarterly service review for a vendor or contract over a period",
      description:
        "period: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM-DD..YYYY-MM-DD. format json (the model), html " +
        "(one self-contained page), pdf, or csv (a zip of one CSV per table).",
      query: ReportFileInput,
      input: ({ query }) => query as z.output<typeof ReportFileInput>,
    },
    reportFile,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/reports",
      role: "editor",
      tags: ["reports"],
      summary: "build and keep a report (the same subject, period and language is replaced)",
      body: StoreReportInput,
      status: 201,
      input: ({ body }) => body as z.output<typeof StoreReportInput>,
    },
    storeReport,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/reports",
      role: "viewer",
      tags: ["reports"],
      summary: "stored reports, newest first",
    },
    listStoredReports,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/reports/:id",
      role: "viewer",
      tags: ["reports"],
      summary: "one stored report as html (as stored), pdf, csv or json",
      params: WorkspaceItemParams,
      query: StoredReportFileInput,
      input: ({ params, query }) => ({
        ...(query as z.output<typeof StoredReportFileInput>),
        id: String(params.id),
      }),
    },
    storedReportFile,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/reviews/:id/pdf",
      role: "viewer",
      tags: ["reviews"],
      summary: "a stored review (verdict and findings) as a PDF, zh or en",
      params: WorkspaceItemParams,
      query: LangQuery,
    },
    reviewPdf,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/claim-pack",
      role: "viewer",
      tags: ["availability"],
      summary:
        "the claim pack of a month: letter PDF, per-minute evidence CSV and the quoted clauses, as a zip",
      params: WorkspaceItemParams,
      query: ClaimPackQuery,
      input: ({ params, query }) => ({
        ...(query as z.output<typeof ClaimPackQuery>),
        contract_id: String(params.id),
      }),
    },
    claimPackFile,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/tickets/:id/satisfaction",
      role: "editor",
      tags: ["tickets"],
      summary: "the buyer's satisfaction with a solved ticket (1–5 and a note); rating again replaces it",
      params: WorkspaceItemParams,
      body: RateBody,
      input: ({ params, body }) => ({ ...(body as z.output<typeof RateBody>), ticket_id: String(params.id) }),
    },
    rateTicket,
  );
};
