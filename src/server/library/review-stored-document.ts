import { NotFoundError } from "../../errors/index.js";
import { reviewDocument } from "../../review/index.js";
import { jsonb, newId, writeAudit } from "../../store/index.js";
import type { Language, ReviewResult, ScenarioId } from "../../terms/index.js";
import type { Db, ReviewView } from "./document-views.js";

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

/**
 * The stored review of a document for (scenario, lang), running and storing it (audited) when
 * missing. `created` tells whether it was made now.
 */
export async function ensureReview(
  db: Db,
  input: {
    workspaceId: string;
    documentId: string;
    scenario: ScenarioId;
    lang?: ReviewLang | null;
    actorId: string | null;
    now: Date;
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
  const existing = await db
    .selectFrom("reviews")
    .select(["id", "document_id", "scenario", "lang", "score", "created_at", "result"])
    .where("document_id", "=", doc.id)
    .where("scenario", "=", input.scenario)
    .where("lang", "=", lang)
    .executeTakeFirst();
  if (existing) return { review: existing, created: false };
  const result = reviewText(doc, input.scenario, lang);
  const review: ReviewView = {
    id: newId(),
    document_id: doc.id,
    scenario: input.scenario,
    lang,
    score: result.score.overall,
    created_at: input.now,
    result,
  };
  await db
    .insertInto("reviews")
    .values({ ...review, workspace_id: input.workspaceId, result: jsonb(result), created_by: input.actorId })
    .execute();
  await writeAudit(db, {
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: "create",
    entity: "review",
    entityId: review.id,
    details: { document_id: doc.id, scenario: input.scenario, lang },
    at: input.now,
  });
  return { review, created: true };
}
