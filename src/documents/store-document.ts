import { sql } from "kysely";
import { NotFoundError } from "../errors/index.js";
import type { DocumentFormat } from "../ingest/index.js";
import { type Sandbox, sharedSandbox } from "../sandbox/index.js";
import { newId, type Store, writeAudit } from "../store/index.js";
import type { ScenarioId } from "../terms/index.js";
import { DOCUMENT_COLUMNS, type DocumentView, type ReviewView } from "./document-views.js";
import {
  ensureReview,
  insertReview,
  type ReviewLang,
  reviewLang,
  reviewTextInSandbox,
} from "./review-stored-document.js";

export interface StoreDocumentInput {
  workspaceId: string;
  actorId: string | null;
  bytes: Uint8Array;
  name: string;
  format?: DocumentFormat;
  vendorId?: string | null;
  scenario?: ScenarioId;
  lang?: ReviewLang | null;
  maxBytes?: number;
  now: Date;
  /** Where parsing and review run (default: the process's shared pool). */
  sandbox?: Sandbox;
}

export interface StoredDocument {
  document: DocumentView;
  review: ReviewView;
  /** False when the same bytes were already in the workspace (the upload is idempotent). */
  created: boolean;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "23505";
}

/**
 * Upload → ingest → review in the sandbox's worker threads (bounded in time and memory), then
 * stored in one transaction (document, review, audit rows) opened only once both are done.
 * The same bytes again in a workspace return the existing document (reviewed for the scenario).
 */
export async function storeDocument(store: Store, input: StoreDocumentInput): Promise<StoredDocument> {
  const sandbox = input.sandbox ?? sharedSandbox();
  const ingested = await sandbox.ingest(input.bytes, {
    name: input.name,
    format: input.format,
    maxBytes: input.maxBytes,
  });
  const scenario = input.scenario ?? "general";
  const db = store.db;
  if (input.vendorId) {
    const vendor = await db
      .selectFrom("vendors")
      .select("id")
      .where("workspace_id", "=", input.workspaceId)
      .where("id", "=", input.vendorId)
      .executeTakeFirst();
    if (!vendor) throw new NotFoundError("vendor", input.vendorId);
  }
  const existingDoc = () =>
    db
      .selectFrom("documents")
      .select([...DOCUMENT_COLUMNS])
      .where("workspace_id", "=", input.workspaceId)
      .where("sha256", "=", ingested.sha256)
      .executeTakeFirst();
  const reuse = async (document: DocumentView): Promise<StoredDocument> => {
    const { review } = await ensureReview(db, {
      workspaceId: input.workspaceId,
      documentId: document.id,
      scenario,
      lang: input.lang,
      actorId: input.actorId,
      now: input.now,
      sandbox,
    });
    return { document, review, created: false };
  };
  const found = await existingDoc();
  if (found) return reuse(found);
  const lang = reviewLang(ingested.language, input.lang);
  const result = await reviewTextInSandbox(ingested, scenario, lang, sandbox);
  try {
    return await db.transaction().execute(async (trx) => {
      const vendorId = input.vendorId ?? null;
      const prev = await trx
        .selectFrom("documents")
        .select(sql<number>`coalesce(max(version), 0)::int`.as("v"))
        .where("workspace_id", "=", input.workspaceId)
        .where("name", "=", ingested.name)
        .where((eb) => (vendorId ? eb("vendor_id", "=", vendorId) : eb("vendor_id", "is", null)))
        .executeTakeFirstOrThrow();
      const document = await trx
        .insertInto("documents")
        .values({
          id: newId(),
          workspace_id: input.workspaceId,
          vendor_id: vendorId,
          product_id: null,
          name: ingested.name,
          format: ingested.format,
          language: ingested.language,
          encoding: ingested.encoding,
          size_bytes: ingested.bytes,
          sha256: ingested.sha256,
          version: prev.v + 1,
          original: input.bytes,
          text: ingested.text,
          created_by: input.actorId,
          created_at: input.now,
        })
        .returning([...DOCUMENT_COLUMNS])
        .executeTakeFirstOrThrow();
      // One audit row for the upload: the document, with the review stored along with it.
      const review = await insertReview(trx, {
        workspaceId: input.workspaceId,
        documentId: document.id,
        scenario,
        lang,
        result,
        actorId: input.actorId,
        now: input.now,
        audit: false,
      });
      await writeAudit(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: "create",
        entity: "document",
        entityId: document.id,
        details: {
          name: document.name,
          sha256: document.sha256,
          version: document.version,
          vendor_id: vendorId,
          review_id: review.id,
          scenario,
          lang,
        },
        at: input.now,
      });
      return { document, review, created: true };
    });
  } catch (err) {
    // Two uploads of the same bytes raced: the loser answers with the winner's document.
    if (!isUniqueViolation(err)) throw err;
    const winner = await existingDoc();
    if (!winner) throw err;
    return reuse(winner);
  }
}
