import { z } from "zod";
import { actorOf, parseInput, requireRole, type Verb } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { type Page, PageQuery, selectPage } from "../store/index.js";
import { ScenarioId } from "../terms/index.js";
import { DOCUMENT_COLUMNS, type DocumentView, REVIEW_SUMMARY_COLUMNS } from "./document-views.js";
import { type StoredDocument, storeDocument } from "./store-document.js";

export const UploadFields = z.object({
  vendor_id: z.string().min(1).nullable().optional(),
  scenario: ScenarioId.optional(),
  lang: z.enum(["zh", "en"]).optional(),
});
export const DocumentListQuery = PageQuery.extend({ vendor_id: z.string().min(1).optional() });
const DocumentId = z.object({ id: z.string().min(1) });

export type UploadInput = z.input<typeof UploadFields> & {
  bytes: Uint8Array;
  name: string;
  /** The face's upload limit (the HTTP server's multipart limit); undefined = the ingest default. */
  max_bytes?: number;
};

/**
 * Stores a document: ingested, reviewed for the scenario and stored with one audit row; the same
 * bytes again answer the existing document (`created` false), reviewed for the scenario if new.
 */
export const uploadDocument: Verb<UploadInput, StoredDocument> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const fields = parseInput("body", UploadFields, {
    vendor_id: input.vendor_id,
    scenario: input.scenario,
    lang: input.lang,
  });
  return storeDocument(ctx.store, {
    workspaceId: ws,
    actorId: actorOf(ctx),
    bytes: input.bytes,
    name: input.name,
    vendorId: fields.vendor_id,
    scenario: fields.scenario,
    lang: fields.lang,
    maxBytes: input.max_bytes,
    now: ctx.now,
  });
};

/** Documents, newest first (no text, no bytes), optionally of one vendor. */
export const listDocuments: Verb<z.input<typeof DocumentListQuery>, Page<DocumentView>> = async ({
  ctx,
  input,
}) => {
  const ws = requireRole(ctx, "viewer");
  const query = parseInput("input", DocumentListQuery, input);
  let q = ctx.db
    .selectFrom("documents")
    .select([...DOCUMENT_COLUMNS])
    .where("workspace_id", "=", ws);
  if (query.vendor_id) q = q.where("vendor_id", "=", query.vendor_id);
  return selectPage(ctx.db, q, query, ["created_at"]);
};

/** One document with its extracted text and its reviews (summaries). */
export const getDocument = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id } = parseInput("input", DocumentId, input);
  const doc = await ctx.db
    .selectFrom("documents")
    .select([...DOCUMENT_COLUMNS, "text"])
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!doc) throw new NotFoundError("document", id);
  const reviews = await ctx.db
    .selectFrom("reviews")
    .select([...REVIEW_SUMMARY_COLUMNS])
    .where("document_id", "=", id)
    .orderBy("created_at")
    .execute();
  return { ...doc, reviews };
}) satisfies Verb<{ id: string }, unknown>;

/** The original bytes of a document as uploaded, with its name and format. */
export const getDocumentOriginal: Verb<
  { id: string },
  { name: string; format: string; original: Uint8Array }
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id } = parseInput("input", DocumentId, input);
  const doc = await ctx.db
    .selectFrom("documents")
    .select(["name", "format", "original"])
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!doc) throw new NotFoundError("document", id);
  return doc;
};
