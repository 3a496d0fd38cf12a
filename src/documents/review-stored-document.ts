import type { Kysely } from "kysely";
import type { Db } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { reviewDocument } from "../review/index.js";
import { type Sandbox, sharedSandbox } from "../sandbox/index.js";
import { type Database, jsonb, newId, writeAudit } from "../store/index.js";
import type { Language, ReviewResult, ScenarioId } from "../terms/index.js";
import type { ReviewView } from "./document-views.js";

export type ReviewLang = "zh" | "en";

/** The language a review is written in: the one asked, else en for English documents, zh otherwise. */
export function reviewLang(language: string, lang?: ReviewLang | null): ReviewLang {
  return lang ?? (language === "en" ? "en" : "zh");
}

/** Runs the review of a stored document's text (not stored). */
export function reviewText(
  doc: { name: string; text: string; language: string; sha256: string },
  scenario: ScenarioId,
  lang: ReviewLang,
): ReviewResult {
  return reviewDocument(
    { name: doc.name, text: doc.text, language: doc.language as Language, sha256: doc.sha256 },
    { scenario, lang },
  );
}

/** Reviews a text in the sandbox's worker threads (a long document must not stall the server). */
export function reviewTextInSandbox(
  doc: { name: string; text: string; language: string; sha256: string },
  scenario: ScenarioId,
  lang: ReviewLang,
  sandbox: Sandbox = sharedSandbox(),
): Promise<ReviewResult> {
  return sandbox.review(
    { name: doc.name, text: doc.text, language: doc.language as Language, sha256: doc.sha256 },
    { scenario, lang },
  );
}

/**
 * The stored review of a document for (scenario, lang), running and storing it (audited) when
 * missing. `created` tells whether it was made now. The review runs in the sandbox before any
 * transaction opens: a transaction holds the (embedded) database while it is open.
 */
export async function ensureReview(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    documentId: string;
    scenario: ScenarioId;
    lang?: ReviewLang | null;
    actorId: string | null;
    now: Date;
    sandbox?: Sandbox;
  },
): Promise<{ review: ReviewView; created: boolean }> {
  const doc = await db
    .selectFrom("documents")
    .select(["id", "name", "text", "language", "sha256"])
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.documentId)
    .executeTakeFirst();
  if (!doc) throw new NotFoundError("document", input.documentId);
  const lang = reviewLang(doc.language, input.lang);
  const existing = await storedReview(db, doc.id, input.scenario, lang);
  if (existing) return { review: existing, created: false };
  const result = await reviewTextInSandbox(doc, input.scenario, lang, input.sandbox);
  return db.transaction().execute(async (trx) => {
    // another request may have stored it while this one was reviewing
    const raced = await storedReview(trx, doc.id, input.scenario, lang);
    if (raced) return { review: raced, created: false };
    const review = await insertReview(trx, { ...input, documentId: doc.id, lang, result, audit: true });
    return { review, created: true };
  });
}

function storedReview(db: Db, documentId: string, scenario: ScenarioId, lang: ReviewLang) {
  return db
    .selectFrom("reviews")
    .select(["id", "document_id", "scenario", "lang", "score", "created_at", "result"])
    .where("document_id", "=", documentId)
    .where("scenario", "=", scenario)
    .where("lang", "=", lang)
    .executeTakeFirst();
}

/** Stores a review computed beforehand, audited (inside the caller's transaction). */
export async function insertReview(
  db: Db,
  input: {
    workspaceId: string;
    documentId: string;
    scenario: ScenarioId;
    lang: ReviewLang;
    result: ReviewResult;
    actorId: string | null;
    now: Date;
    /** False when the caller's own audit row covers the review (a new document's upload). */
    audit?: boolean;
  },
): Promise<ReviewView> {
  const review: ReviewView = {
    id: newId(),
    document_id: input.documentId,
    scenario: input.scenario,
    lang: input.lang,
    score: input.result.score.overall,
    created_at: input.now,
    result: input.result,
  };
  await db
    .insertInto("reviews")
    .values({
      ...review,
      workspace_id: input.workspaceId,
      result: jsonb(input.result),
      created_by: input.actorId,
    })
    .execute();
  if (input.audit === false) return review;
  await writeAudit(db, {
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: "create",
    entity: "review",
    entityId: review.id,
    details: { document_id: input.documentId, scenario: input.scenario, lang: input.lang },
    at: input.now,
  });
  return review;
}
