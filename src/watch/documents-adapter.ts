// The one door from src/watch to where documents and reviews are stored (src/documents).

import { storeDocument } from "../documents/index.js";
import type { Store } from "../store/index.js";
import type { ReviewResult } from "../terms/index.js";

export interface StoredVersion {
  documentId: string;
  version: number;
  review: ReviewResult;
}

/** Stores extracted bytes as the next version of the vendor's document (reviewed, audited) and returns its review. */
export async function storeWatchedVersion(
  store: Store,
  input: {
    workspaceId: string;
    vendorId: string;
    name: string;
    bytes: Uint8Array;
    format: "pdf" | "docx" | "html" | "txt" | "md";
    now: Date;
  },
): Promise<StoredVersion> {
  const stored = await storeDocument(store, {
    workspaceId: input.workspaceId,
    actorId: null,
    bytes: input.bytes,
    name: input.name,
    format: input.format,
    vendorId: input.vendorId,
    now: input.now,
  });
  const row = await store.db
    .selectFrom("reviews")
    .select("result")
    .where("id", "=", stored.review.id)
    .executeTakeFirstOrThrow();
  return {
    documentId: stored.document.id,
    version: stored.document.version,
    review: row.result as ReviewResult,
  };
}

/** The stored review of a document (general scenario), or null. */
export async function reviewOfDocument(
  store: Store,
  documentId: string,
): Promise<{ review: ReviewResult; text: string } | null> {
  const row = await store.db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .select(["reviews.result", "documents.text"])
    .where("reviews.document_id", "=", documentId)
    .where("reviews.scenario", "=", "general")
    .orderBy("reviews.created_at", "desc")
    .executeTakeFirst();
  return row ? { review: row.result as ReviewResult, text: row.text } : null;
}
