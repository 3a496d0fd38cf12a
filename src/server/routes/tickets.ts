import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Ctx } from "../../context/index.js";
import { checkInputValue, InputError, TooLargeError } from "../../errors/index.js";
import {
  addTicketEvent,
  CreateTicketInput,
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
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { requestCtx } from "../request-ctx.js";
import { docs, parseParams, WorkspaceItemParams, WorkspaceParams } from "../validation.js";
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
const ImportQuery = z.object({
  format: z.enum(["csv", "json", "eml"]).optional(),
  vendor_id: z.string().optional(),
  severity: z.string().optional(),
  vendor_domains: z.string().optional(),
  batch_size: z.string().optional(),
});

/** POST /tickets/import: multipart `file` parts (+ fields), or a raw text/csv, application/json or message/rfc822 body. */
async function importFiles(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ files: ImportFile[]; fields: Record<string, string> }> {
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
  // Hand-written: the verb names the failing field of the event (`body.event.at`), which a
  // route-level parse of the union body would blur into `body`.
  app.post(
    "/workspaces/:ws/tickets/:id/events",
    {
      schema: docs({
        tags,
        summary: "append an event (checked for order and type; If-Match or version for concurrency)",
        params: WorkspaceItemParams,
        body: EventBody,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ctx = await requestCtx(request, ws);
      const body = request.body as Record<string, unknown> | null;
      if (body == null || typeof body !== "object")
        throw new InputError("body", "expected an event { type, at, … } or { event, version }");
      const wrapped = "event" in body;
      const version = expectedVersion(
        request,
        wrapped && typeof body.version === "number" ? body.version : null,
      );
      const ticket = await addTicketEvent({
        ctx,
        input: {
          ticket_id: id,
          event: wrapped ? body.event : body,
          ...(version !== null ? { version } : {}),
        },
      });
      setVersionTag(reply, ticket.version);
      return reply.status(201).send(ticket);
    },
  );

  // Multipart or a raw file body, read as a stream: the one route here that is not a workspaceRoute.
  app.post(
    "/workspaces/:ws/tickets/import",
    {
      bodyLimit: app.maxUploadBytes,
      config: { bodyRole: "editor" },
      schema: docs({
        tags,
        summary:
          "import tickets from CSV, JSON or .eml (docs/ticket-import.md); validated whole, then committed in batches; 201 when done, 202 while running",
        params: WorkspaceParams,
        querystring: ImportQuery,
        consumes: ["multipart/form-data", "text/csv", "application/json", "message/rfc822"],
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ctx = await requestCtx(request, ws);
      const input = await importFiles(request, app.maxUploadBytes);
      const { job, finished } = await importTickets({ ctx, input, runner: runnerOf(request) });
      if (finished) return reply.status(201).send({ import_id: job.id, ...job });
      return reply
        .status(202)
        .header("location", `/api/v1/workspaces/${ws}/imports/${job.id}`)
        .send({ import_id: job.id, ...job });
    },
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
