import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  AvailabilityQuery,
  ClaimQuery,
  CreditClaimBody,
  CreditReceivedBody,
  CreditRecordsQuery,
  contractClaim,
  evidenceCsv,
  evidenceFileName,
  getAvailabilitySettings,
  importContractLog,
  listCreditRecords,
  putAvailabilitySettings,
  RequestLogBody,
  recordCreditClaim,
  recordCreditReceived,
  renderClaim,
  SettingsBody,
} from "../../availability/index.js";
import { ConflictError } from "../../errors/index.js";
import { contractLatency } from "../../latency/index.js";
import { claimLetterPdf } from "../../report/index.js";
import { parseQuery, WorkspaceItemParams } from "../validation.js";
import { type RequestParts, workspaceRoute } from "../workspace-route.js";

/** A raw CSV or JSON Lines body says its options in the query instead. */
const LogQuery = z.object({
  name: z.string().trim().min(1).max(200).default("request-log"),
  timezone: z.string().min(1).optional(),
  count_429: z.enum(["true", "false"]).optional(),
});

/** The claim letter as Markdown, HTML, or the PDF a buyer sends (src/report's one PDF path). */
const ClaimFileQuery = ClaimQuery.extend({ format: z.enum(["md", "html", "pdf"]).default("md") });

const CreditRecordParams = WorkspaceItemParams.extend({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM"),
});

const LatencyQuery = AvailabilityQuery.pick({ period: true });

const CSV_TYPES = ["text/csv", "application/csv"];
const JSONL_TYPES = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];
const tags = ["availability"];

/** The log import's input: a JSON body as it is, or a raw CSV / JSON Lines body with the query's options. */
function logInput({ params, request }: RequestParts) {
  if (typeof request.body !== "string") return { ...(request.body as object), id: params.id };
  const q = parseQuery(LogQuery, request.query);
  const type = String(request.headers["content-type"] ?? "");
  return {
    id: params.id,
    name: q.name,
    text: request.body,
    format: JSONL_TYPES.some((t) => type.startsWith(t)) ? "jsonl" : "csv",
    timezone: q.timezone,
    count_429: q.count_429 === "true",
  };
}

/**
 * Availability of a contract by the vendor's own formula, the claim letter, the customer's
 * request-log imports and the measurement settings.
 */
export const routes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser([...CSV_TYPES, ...JSONL_TYPES], { parseAs: "string" }, (_req, body, done) =>
    done(null, body),
  );

  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/availability",
      role: "viewer",
      tags,
      summary:
        "measured availability of a month by the vendor's formula: down slots, credit owed, claim window",
      params: WorkspaceItemParams,
      query: AvailabilityQuery,
      view: (claim) => ({
        report: claim.report,
        credit: claim.credit,
        claim_window: claim.window,
        letter: claim.letter,
      }),
    },
    contractClaim,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/claim",
      role: "viewer",
      tags,
      summary:
        "the service-credit claim letter for a month (Markdown, HTML or PDF, zh or en); 409 with the reason when no credit is owed",
      params: WorkspaceItemParams,
      query: ClaimFileQuery,
      send: async (reply, claim, request) => {
        const q = parseQuery(ClaimFileQuery, request.query);
        if (!claim.letter.offered)
          throw new ConflictError(
            `no claim letter for ${q.period} (${claim.letter.reason}): ${claim.letter.message?.[q.lang] ?? ""}`,
          );
        if (q.format === "pdf")
          return reply
            .type("application/pdf")
            .header("content-disposition", `attachment; filename="claim-${q.period}.pdf"`)
            .send(Buffer.from(await claimLetterPdf(claim, q.lang)));
        return reply
          .type(q.format === "html" ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8")
          .send(renderClaim(claim, { lang: q.lang, format: q.format }));
      },
    },
    contractClaim,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/claim/evidence.csv",
      role: "viewer",
      tags,
      summary: "the per-minute evidence of each outage of a month (the claim letter's CSV attachment)",
      params: WorkspaceItemParams,
      query: AvailabilityQuery,
      send: (reply, claim, request) => {
        const q = parseQuery(AvailabilityQuery, request.query);
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${evidenceFileName(q.period)}"`)
          .send(evidenceCsv(claim.evidence));
      },
    },
    contractClaim,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/latency",
      role: "viewer",
      tags,
      summary:
        "the contract's latency commitments judged per region for a month, with the windows and samples that breached them",
      params: WorkspaceItemParams,
      query: LatencyQuery,
      input: ({ params, query }) => ({
        contractId: String(params.id),
        period: parseQuery(LatencyQuery, query).period,
      }),
    },
    contractLatency,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/contracts/:id/logs",
      role: "editor",
      tags,
      summary:
        "import the customer's request log (CSV or JSON Lines: timestamp, status, latency); broken lines are counted and reported",
      params: WorkspaceItemParams,
      body: RequestLogBody,
      textBody: true,
      consumes: ["application/json", ...CSV_TYPES, ...JSONL_TYPES],
      input: logInput,
      status: (result) => (result.duplicate ? 200 : 201),
    },
    importContractLog,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/availability/settings",
      role: "viewer",
      tags,
      summary: "how the contract's availability is measured",
      params: WorkspaceItemParams,
      versioned: true,
    },
    getAvailabilitySettings,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/contracts/:id/availability/settings",
      role: "editor",
      tags,
      summary:
        "set the vendor formula, time zone, business calendar, probes and fee (If-Match or version → 409 when stale)",
      params: WorkspaceItemParams,
      body: SettingsBody,
      versioned: true,
    },
    putAvailabilitySettings,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/contracts/:id/credit-records",
      role: "viewer",
      tags,
      summary: "the service credits claimed and received per month, as recorded (?from=YYYY-MM&to=YYYY-MM)",
      params: WorkspaceItemParams,
      query: CreditRecordsQuery,
    },
    listCreditRecords,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/contracts/:id/credit-records/:period/claim",
      role: "editor",
      tags,
      summary:
        "record the credit claim sent for a month: date, amount, reference (recording again replaces it)",
      params: CreditRecordParams,
      body: CreditClaimBody,
    },
    recordCreditClaim,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: "/workspaces/:ws/contracts/:id/credit-records/:period/received",
      role: "editor",
      tags,
      summary: "record the credit received for a month: date and amount (recording again replaces it)",
      params: CreditRecordParams,
      body: CreditReceivedBody,
    },
    recordCreditReceived,
  );
};
