import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { DOCUMENT_COLUMNS, REVIEW_SUMMARY_COLUMNS, storeDocument } from "../../documents/index.js";
import { checkInputValue, InputError, NotFoundError, TooLargeError } from "../../errors/index.js";
import { ScenarioId } from "../../terms/index.js";
import { requireMember } from "../auth/require-member.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import { docs, parseParams, parseQuery, WorkspaceItemParams, WorkspaceParams } from "../validation.js";

export const UploadFields = z.object({
  vendor_id: z.string().min(1).nullable().optional(),
  scenario: ScenarioId.optional(),
  lang: z.enum(["zh", "en"]).optional(),
});
export const DocumentListQuery = PageQuery.extend({ vendor_id: z.string().min(1).optional() });

const CONTENT_TYPES: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  eml: "message/rfc822",
};

/** POST/GET /workspaces/:ws/documents, GET /documents/:id, GET /documents/:id/original. */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.post(
    "/workspaces/:ws/documents",
    {
      config: { bodyRole: "editor" },
      schema: docs({
        tags: ["documents"],
        summary:
          "upload a document (multipart: file, vendor_id, scenario, lang): ingested, reviewed and stored; the same bytes again return the existing document",
        params: WorkspaceParams,
        consumes: ["multipart/form-data"],
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      if (!request.isMultipart())
        throw new InputError("body", "expected multipart/form-data with a file part");
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | null = null;
      for await (const part of request.parts()) {
        if (part.type === "file") {
          if (file) throw new InputError("body.file", "one file per upload");
          let bytes: Buffer;
          try {
            bytes = await part.toBuffer();
          } catch (err) {
            if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE")
              throw new TooLargeError(part.filename || "file", app.maxUploadBytes);
            throw err;
          }
          file = { name: part.filename || "document", bytes };
        } else fields[part.fieldname] = String(part.value);
      }
      if (!file)
        throw new InputError("body.file", "missing: send the document as the multipart part named file");
      checkInputValue(fields, "body");
      const input = UploadFields.safeParse({ ...fields, vendor_id: fields.vendor_id || null });
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new InputError(`body.${issue?.path.join(".")}`, (issue?.message ?? "invalid").toLowerCase());
      }
      const stored = await storeDocument(app.store, {
        workspaceId: ws,
        actorId: request.principal?.userId ?? null,
        bytes: file.bytes,
        name: file.name,
        vendorId: input.data.vendor_id,
        scenario: input.data.scenario,
        lang: input.data.lang,
        maxBytes: app.maxUploadBytes,
        now: app.now(),
      });
      return reply.status(stored.created ? 201 : 200).send(stored);
    },
  );

  app.get(
    "/workspaces/:ws/documents",
    {
      schema: docs({
        tags: ["documents"],
        summary: "documents, newest first (no text, no bytes)",
        params: WorkspaceParams,
        querystring: DocumentListQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const query = parseQuery(DocumentListQuery, request.query);
      let q = db
        .selectFrom("documents")
        .select([...DOCUMENT_COLUMNS])
        .where("workspace_id", "=", ws);
      if (query.vendor_id) q = q.where("vendor_id", "=", query.vendor_id);
      return toPage(await paginate(q, query).execute(), query);
    },
  );

  app.get(
    "/workspaces/:ws/documents/:id",
    {
      schema: docs({
        tags: ["documents"],
        summary: "one document with its extracted text and reviews",
        params: WorkspaceItemParams,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const doc = await db
        .selectFrom("documents")
        .select([...DOCUMENT_COLUMNS, "text"])
        .where("workspace_id", "=", ws)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!doc) throw new NotFoundError("document", id);
      const reviews = await db
        .selectFrom("reviews")
        .select([...REVIEW_SUMMARY_COLUMNS])
        .where("document_id", "=", id)
        .orderBy("created_at")
        .execute();
      return { ...doc, reviews };
    },
  );

  app.get(
    "/workspaces/:ws/documents/:id/original",
    {
      schema: docs({
        tags: ["documents"],
        summary: "the original bytes as uploaded",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const doc = await db
        .selectFrom("documents")
        .select(["name", "format", "original"])
        .where("workspace_id", "=", ws)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!doc) throw new NotFoundError("document", id);
      return (
        reply
          .type(CONTENT_TYPES[doc.format] ?? "application/octet-stream")
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
          // uploaded HTML must never run as this origin
          .header("content-security-policy", "sandbox")
          .send(Buffer.from(doc.original))
      );
    },
  );
};
