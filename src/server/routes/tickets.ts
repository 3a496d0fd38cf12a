import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
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

  app.get(
    "/workspaces/:ws/tickets",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "tickets newest first with live SLA state (?sla=breached|at_risk|running)",
        params: WorkspaceParams,
        querystring: ListTicketsInput,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      return listTickets({ ctx: await requestCtx(request, ws), input: request.query });
    },
  );

  app.post(
    "/workspaces/:ws/tickets",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "create a ticket (its created event, optional later events, optional explicit SLA policy)",
        params: WorkspaceParams,
        body: CreateTicketInput,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      const ticket = await createTicket({ ctx: await requestCtx(request, ws), input: request.body });
      setVersionTag(reply, ticket.version);
      return reply.status(201).send(ticket);
    },
  );

  app.get(
    "/workspaces/:ws/tickets/:id",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "one ticket with its events and SLA timeline",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const ticket = await getTicket({ ctx: await requestCtx(request, ws), input: { id } });
      setVersionTag(reply, ticket.version);
      return ticket;
    },
  );

  app.patch(
    "/workspaces/:ws/tickets/:id",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "change subject, vendor or explicit policy (If-Match or version)",
        params: WorkspaceItemParams,
        body: TicketPatch,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const version = expectedVersion(request, typeof body.version === "number" ? body.version : null);
      const ticket = await updateTicket({
        ctx: await requestCtx(request, ws),
        input: { ...body, ticket_id: id, ...(version !== null ? { version } : {}) },
      });
      setVersionTag(reply, ticket.version);
      return ticket;
    },
  );

  app.post(
    "/workspaces/:ws/tickets/:id/events",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "append an event (checked for order and type; If-Match or version for concurrency)",
        params: WorkspaceItemParams,
        body: EventBody,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const body = request.body as Record<string, unknown> | null;
      if (body == null || typeof body !== "object")
        throw new InputError("body", "expected an event { type, at, … } or { event, version }");
      const wrapped = "event" in body;
      const event = wrapped ? body.event : body;
      const version = expectedVersion(
        request,
        wrapped && typeof body.version === "number" ? body.version : null,
      );
      const ticket = await addTicketEvent({
        ctx: await requestCtx(request, ws),
        input: { ticket_id: id, event, ...(version !== null ? { version } : {}) },
      });
      setVersionTag(reply, ticket.version);
      return reply.status(201).send(ticket);
    },
  );

  app.post(
    "/workspaces/:ws/tickets/import",
    {
      bodyLimit: app.maxUploadBytes,
      config: { bodyRole: "editor" },
      schema: docs({
        tags: ["tickets"],
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
      const { job, finished } = await importTickets({
        ctx,
        input,
        runner: runnerOf(request),
      });
      if (finished) return reply.status(201).send({ import_id: job.id, ...job });
      return reply
        .status(202)
        .header("location", `/api/v1/workspaces/${ws}/imports/${job.id}`)
        .send({ import_id: job.id, ...job });
    },
  );

  app.get(
    "/workspaces/:ws/imports/:id",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "progress of an import (total, done, failed, status)",
        params: WorkspaceItemParams,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      return getImportJob({ ctx: await requestCtx(request, ws), input: { id } });
    },
  );

  app.post(
    "/workspaces/:ws/imports/:id/resume",
    {
      schema: docs({
        tags: ["tickets"],
        summary: "resume an import left running by a crash (continues after its last committed batch)",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const { job, resumed } = await resumeImport({
        ctx: await requestCtx(request, ws),
        input: { id },
        runner: runnerOf(request),
      });
      return reply.status(resumed ? 202 : 200).send(job);
    },
  );
};
