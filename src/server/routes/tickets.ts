import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Ctx } from "../../context/index.js";
import { checkInputValue, InputError, TooLargeError } from "../../errors/index.js";
import {
  addTicketEvent,
  CreateTicketInput,
  countTicketsBySla,
  createTicket,
  getImportJob,
  getTicket,
  type ImportFile,
  type ImportRunner,
  importTickets,
  ListTicketsInput,
  listTickets,
  resumeImport,
  TicketEventInput,
  updateTicket,
} from "../../tickets/index.js";
import { expectedVersion } from "../concurrency.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const TicketPatch = z.object({
  version: z.number().int().optional(),
  subject: z.string().max(1000).optional(),
  vendor_id: z.string().min(1).nullable().optional(),
  policy: z.record(z.string(), z.unknown()).nullable().optional(),
});
const EventBody = z.union([
  TicketEventInput,
  z.object({ event: TicketEventInput, version: z.number().int().optional() }),
]);
type EventInput = { event: unknown; version?: number };
type ImportUpload = { files: ImportFile[]; fields: Record<string, string> };

/**
 * The event body, bare (`{ type, at, … }`) or wrapped (`{ event, version }`), handed to the verb
 * unparsed so that it names the failing field of the event (`body.event.at`), which a parse of the
 * union here would blur into `body`. The expected version: If-Match, else the wrapper's `version`.
 */
function eventBody(request: FastifyRequest): EventInput {
  const body = request.body as Record<string, unknown> | null;
  if (body == null || typeof body !== "object")
    throw new InputError("body", "expected an event { type, at, … } or { event, version }");
  const wrapped = "event" in body;
  const version = expectedVersion(request, wrapped && typeof body.version === "number" ? body.version : null);
  return { event: wrapped ? body.event : body, ...(version !== null ? { version } : {}) };
}

const ImportQuery = z.object({
  format: z.enum(["csv", "json", "eml"]).optional(),
  vendor_id: z.string().optional(),
  severity: z.string().optional(),
  vendor_domains: z.string().optional(),
  batch_size: z.string().optional(),
});

/** POST /tickets/import: multipart `file` parts (+ fields), or a raw text/csv, application/json or message/rfc822 body. */
async function importFiles(request: FastifyRequest, maxBytes: number): Promise<ImportUpload> {
  const fields: Record<string, string> = { ...(request.query as Record<string, string>) };
  const files: ImportFile[] = [];
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        try {
          files.push({ name: part.filename || "upload", bytes: new Uint8Array(await part.toBuffer()) });
        } catch (err) {
          if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE")
            throw new TooLargeError(part.filename || "file", maxBytes);
          throw err;
        }
      } else fields[part.fieldname] = String(part.value);
    }
    checkInputValue(fields, "body");
    return { files, fields };
  }
  const type = String(request.headers["content-type"] ?? "")
    .split(";")[0]
    .trim();
  const body = request.body;
  const format =
    type === "text/csv"
      ? "csv"
      : type === "message/rfc822"
        ? "eml"
        : type === "application/json"
          ? "json"
          : null;
  if (!format || body == null)
    throw new InputError(
      "body",
      "send multipart/form-data with file parts, or a text/csv, application/json or message/rfc822 body",
    );
  const bytes =
    typeof body === "string"
      ? new TextEncoder().encode(body)
      : Buffer.isBuffer(body)
        ? new Uint8Array(body)
        : new TextEncoder().encode(JSON.stringify(body));
  files.push({ name: `upload.${format}`, bytes });
  fields.format ??= format;
  return { files, fields };
}

const tags = ["tickets"];

/** Tickets with live SLA state, their events, and imports (CSV, JSON, .eml) with progress. */
export const routes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(
    ["text/csv", "message/rfc822"],
    { parseAs: "buffer", bodyLimit: app.maxUploadBytes },
    (_req, body, done) => done(null, body),
  );
  const runnerOf = (request: FastifyRequest): ImportRunner => ({
    clock: app.now,
    onError: (err) => request.log.error({ err }, "import failed"),
  });

  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/tickets",
      role: "viewer",
      tags,
      summary: "tickets newest first with live SLA state (?sla=breached|at_risk|running)",
      query: ListTicketsInput,
      input: ({ request }) => request.query,
    },
    listTickets,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/tickets/sla-counts",
      role: "viewer",
      tags,
      summary: "breached and at-risk tickets counted per vendor, as of now (exact, no page limit)",
    },
    countTicketsBySla,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/tickets",
      role: "editor",
      tags,
      summary: "create a ticket (its created event, optional later events, optional explicit SLA policy)",
      body: CreateTicketInput,
      input: ({ request }) => request.body,
      status: 201,
      versioned: true,
    },
    createTicket,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/tickets/:id",
      role: "viewer",
      tags,
      summary: "one ticket with its events and SLA timeline",
      params: WorkspaceItemParams,
      versioned: true,
    },
    getTicket,
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws/tickets/:id",
      role: "editor",
      tags,
      summary: "change subject, vendor or explicit policy (If-Match or version)",
      params: WorkspaceItemParams,
      body: TicketPatch,
      optionalBody: true,
      input: ({ params, body }) => ({ ...body, ticket_id: params.id }),
      versioned: true,
    },
    updateTicket,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/tickets/:id/events",
      role: "editor",
      tags,
      summary: "append an event (checked for order and type; If-Match or version for concurrency)",
      params: WorkspaceItemParams,
      body: EventBody,
      readBody: eventBody,
      input: ({ params, body }) => ({ ...(body as EventInput), ticket_id: String(params.id) }),
      status: 201,
      versioned: true,
    },
    addTicketEvent,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/tickets/import",
      role: "editor",
      tags,
      summary:
        "import tickets from CSV, JSON or .eml (docs/ticket-import.md); validated whole, then committed in batches; 201 when done, 202 while running",
      query: ImportQuery,
      consumes: ["multipart/form-data", "text/csv", "application/json", "message/rfc822"],
      options: { bodyLimit: app.maxUploadBytes },
      // Multipart or a raw file body, read as a stream; the query's fields are read with it.
      readBody: (request) => importFiles(request, app.maxUploadBytes),
      input: ({ body, request }) => ({ upload: body as ImportUpload, runner: runnerOf(request) }),
      send: (reply, { job, finished }, request) => {
        const view = { import_id: job.id, ...job };
        if (finished) return reply.status(201).send(view);
        const { ws } = request.params as { ws: string };
        return reply.status(202).header("location", `/api/v1/workspaces/${ws}/imports/${job.id}`).send(view);
      },
    },
    ({
      ctx,
      input: { upload, runner },
    }: {
      ctx: Ctx;
      input: { upload: ImportUpload; runner: ImportRunner };
    }) => importTickets({ ctx, input: upload, runner }),
  );

  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/imports/:id",
      role: "viewer",
      tags,
      summary: "progress of an import (total, done, failed, status)",
      params: WorkspaceItemParams,
    },
    getImportJob,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/imports/:id/resume",
      role: "editor",
      tags,
      summary: "resume an import left running by a crash (continues after its last committed batch)",
      params: WorkspaceItemParams,
      input: ({ params, request }) => ({ id: String(params.id), runner: runnerOf(request) }),
      send: (reply, r) => reply.status(r.resumed ? 202 : 200).send(r.job),
    },
    ({ ctx, input: { runner, ...input } }: { ctx: Ctx; input: { id: string; runner: ImportRunner } }) =>
      resumeImport({ ctx, input, runner }),
  );
};
