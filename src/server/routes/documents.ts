import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import {
  DocumentListQuery,
  getDocument,
  getDocumentOriginal,
  listDocuments,
  type UploadInput,
  uploadDocument,
} from "../../documents/index.js";
import { checkInputValue, InputError, TooLargeError } from "../../errors/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const CONTENT_TYPES: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  eml: "message/rfc822",
};

/** The upload's file and fields from the multipart body (one file part named file). */
async function readUpload(request: FastifyRequest): Promise<UploadInput> {
  const maxBytes = request.server.maxUploadBytes;
  if (!request.isMultipart()) throw new InputError("body", "expected multipart/form-data with a file part");
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
          throw new TooLargeError(part.filename || "file", maxBytes);
        throw err;
      }
      file = { name: part.filename || "document", bytes };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw new InputError("body.file", "missing: send the document as the multipart part named file");
  checkInputValue(fields, "body");
  return {
    ...fields,
    vendor_id: fields.vendor_id || null,
    bytes: file.bytes,
    name: file.name,
    max_bytes: maxBytes,
  };
}

const tags = ["documents"];

/** POST/GET /workspaces/:ws/documents, GET /documents/:id, GET /documents/:id/original. */
export const routes: FastifyPluginAsync = async (app) => {
  const path = "/workspaces/:ws/documents";
  workspaceRoute(
    app,
    {
      method: "POST",
      path,
      role: "editor",
      tags,
      summary:
        "upload a document (multipart: file, vendor_id, scenario, lang): ingested, reviewed and stored; the same bytes again return the existing document",
      consumes: ["multipart/form-data"],
      options: { config: { bodyRole: "editor" } },
      input: ({ request }) => readUpload(request),
      status: (stored) => (stored.created ? 201 : 200),
    },
    uploadDocument,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path,
      role: "viewer",
      tags,
      summary: "documents, newest first (no text, no bytes)",
      query: DocumentListQuery,
    },
    listDocuments,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: `${path}/:id`,
      role: "viewer",
      tags,
      summary: "one document with its extracted text and reviews",
      params: WorkspaceItemParams,
    },
    getDocument,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: `${path}/:id/original`,
      role: "viewer",
      tags,
      summary: "the original bytes as uploaded",
      params: WorkspaceItemParams,
      send: (reply, doc) =>
        reply
          .type(CONTENT_TYPES[doc.format] ?? "application/octet-stream")
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
          // uploaded HTML must never run as this origin
          .header("content-security-policy", "sandbox")
          .send(Buffer.from(doc.original)),
    },
    getDocumentOriginal,
  );
};
