import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { z } from "zod";
import { requireRole } from "../../context/index.js";
import {
  buildReport,
  ClaimPackInput,
  claimPackFile,
  type FileOut,
  getStoredReport,
  listStoredReports,
  REPORT_FORMATS,
  REPORT_LANGS,
  renderReport,
  reviewPdf,
  StoreReportInput,
  storeReport,
} from "../../report/index.js";
import { RateTicketInput, rateTicket } from "../../tickets/index.js";
import { requestCtx } from "../request-ctx.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";

const ReportQuery = z.object({
  vendor: z.string().min(1).optional(),
  contract: z.string().min(1).optional(),
  period: z.string().min(1).max(40),
  format: z.enum(REPORT_FORMATS).default("json"),
  lang: z.enum(REPORT_LANGS).default("zh"),
});
const StoredQuery = z.object({
  format: z.enum(REPORT_FORMATS).default("html"),
  lang: z.enum(REPORT_LANGS).optional(),
});
const LangQuery = z.object({ lang: z.enum(REPORT_LANGS).optional() });
const ClaimPackQuery = ClaimPackInput.omit({ contract_id: true });
const RateBody = RateTicketInput.omit({ ticket_id: true });

function disposition(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A rendered file (report, review PDF, claim pack) as a download. */
function sendFile(reply: FastifyReply, out: FileOut) {
  return reply
    .type(out.contentType)
    .header("content-disposition", disposition(out.fileName))
    .send(Buffer.from(out.bytes));
}

/** Reports (built on demand or stored) and the buyer's satisfaction score for a solved ticket. */
export const routes: FastifyPluginAsync = async (app) => {
  app.get(
    "/workspaces/:ws/reports/build",
    {
      schema: docs({
        tags: ["reports"],
        summary: "an SLA report / quarterly service review for a vendor or contract over a period",
        description:
          "period: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM-DD..YYYY-MM-DD. format json (the model), html " +
          "(one self-contained page), pdf, or csv (a zip of one CSV per table).",
        params: WorkspaceParams,
        querystring: ReportQuery,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      const q = parseQuery(ReportQuery, request.query);
      const model = await buildReport({
        ctx,
        input: { vendor: q.vendor, contract: q.contract, period: q.period },
      });
      if (q.format === "json") return model;
      const out = await renderReport(model, q.format, q.lang);
      return sendFile(reply, out);
    },
  );

  app.post(
    "/workspaces/:ws/reports",
    {
      schema: docs({
        tags: ["reports"],
        summary: "build and keep a report (the same subject, period and language is replaced)",
        params: WorkspaceParams,
        body: StoreReportInput,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      requireRole(ctx, "editor"); // before the body is parsed: a caller who may not act hears 403
      const body = parseBody(StoreReportInput, request.body);
      return reply.status(201).send(await storeReport({ ctx, input: body }));
    },
  );

  app.get(
    "/workspaces/:ws/reports",
    { schema: docs({ tags: ["reports"], summary: "stored reports, newest first", params: WorkspaceParams }) },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return listStoredReports({ ctx: await requestCtx(request, ws), input: {} });
    },
  );

  app.get(
    "/workspaces/:ws/reports/:id",
    {
      schema: docs({
        tags: ["reports"],
        summary: "one stored report as html (as stored), pdf, csv or json",
        params: WorkspaceItemParams,
        querystring: StoredQuery,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const q = parseQuery(StoredQuery, request.query);
      const stored = await getStoredReport({ ctx, input: { id } });
      const lang = q.lang ?? stored.lang;
      if (q.format === "html" && lang === stored.lang)
        return reply.type("text/html; charset=utf-8").send(stored.html);
      const out = await renderReport(stored.model, q.format, lang);
      return sendFile(reply, out);
    },
  );

  app.get(
    "/workspaces/:ws/reviews/:id/pdf",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "a stored review (verdict and findings) as a PDF, zh or en",
        params: WorkspaceItemParams,
        querystring: LangQuery,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const q = parseQuery(LangQuery, request.query);
      const out = await reviewPdf({ ctx, input: { id, lang: q.lang } });
      return sendFile(reply, out);
    },
  );

  app.get(
    "/workspaces/:ws/contracts/:id/claim-pack",
    {
      schema: docs({
        tags: ["availability"],
        summary:
          "the claim pack of a month: letter PDF, per-minute evidence CSV and the quoted clauses, as a zip",
        params: WorkspaceItemParams,
        querystring: ClaimPackQuery,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const q = parseQuery(ClaimPackQuery, request.query);
      const out = await claimPackFile({
        ctx,
        input: { ...q, contract_id: id },
      });
      return sendFile(reply, out);
    },
  );

  app.put(
    "/workspaces/:ws/tickets/:id/satisfaction",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "the buyer's satisfaction with a solved ticket (1–5 and a note); rating again replaces it",
        params: WorkspaceItemParams,
        body: RateBody,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      requireRole(ctx, "editor"); // before the body is parsed: a caller who may not act hears 403
      const body = parseBody(RateBody, request.body);
      return rateTicket({ ctx, input: { ...body, ticket_id: id } });
    },
  );
};
