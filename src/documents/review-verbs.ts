import { z } from "zod";
import { actorOf, parseInput, requireRole, type Verb } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { compareReviews, renderReview } from "../review/index.js";
import { type Page, PageQuery, paginate, toPage } from "../store/index.js";
import { type ReviewResult, ScenarioId } from "../terms/index.js";
import { REVIEW_SUMMARY_COLUMNS, type ReviewView } from "./document-views.js";
import { ensureReview, reviewLang, reviewTextInSandbox } from "./review-stored-document.js";

const Lang = z.enum(["zh", "en"]);
export const ReviewListQuery = PageQuery.extend({
  document_id: z.string().min(1).optional(),
  scenario: ScenarioId.optional(),
});
export const ReviewCreate = z.object({
  document_id: z.string().min(1),
  scenario: ScenarioId.default("general"),
  lang: Lang.optional(),
});
export const CompareBody = z.object({
  document_ids: z.array(z.string().min(1)).min(2, "compare needs at least two documents").max(10),
  scenario: ScenarioId.default("general"),
  lang: Lang.optional(),
});
/** The formats a stored review exports to, with their media types. */
export const EXPORT_TYPES = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
} as const;
export type ExportFormat = keyof typeof EXPORT_TYPES;
export const ReviewExportQuery = z.object({
  format: z.enum(["md", "html", "yaml"]).default("md"),
  lang: Lang.optional(),
});
const ReviewId = z.object({ id: z.string().min(1) });

/** Stored reviews (summaries), newest first, by document or scenario. */
export const listReviews: Verb<z.input<typeof ReviewListQuery>, Page<unknown>> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const query = parseInput("input", ReviewListQuery, input);
  let q = ctx.db
    .selectFrom("reviews")
    .select([...REVIEW_SUMMARY_COLUMNS])
    .where("workspace_id", "=", ws);
  if (query.document_id) q = q.where("document_id", "=", query.document_id);
  if (query.scenario) q = q.where("scenario", "=", query.scenario);
  return toPage(await paginate(q, query).execute(), query);
};

/** Reviews a stored document for another scenario or language; idempotent (`created` false when stored). */
export const createReview: Verb<
  z.input<typeof ReviewCreate>,
  { review: ReviewView; created: boolean }
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const body = parseInput("input", ReviewCreate, input);
  return ensureReview(ctx.store.db, {
    workspaceId: ws,
    documentId: body.document_id,
    scenario: body.scenario,
    lang: body.lang,
    actorId: actorOf(ctx),
    now: ctx.now,
  });
};

/** One review: the ReviewResult and the document text its spans point into. */
export const getReview = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id } = parseInput("input", ReviewId, input);
  const row = await ctx.db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .select([
      "reviews.id",
      "reviews.document_id",
      "reviews.scenario",
      "reviews.lang",
      "reviews.score",
      "reviews.created_at",
      "reviews.result",
      "documents.text",
    ])
    .where("reviews.workspace_id", "=", ws)
    .where("reviews.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("review", id);
  const { result, text, ...meta } = row;
  return { ...meta, review: result, text };
}) satisfies Verb<{ id: string }, unknown>;

/**
 * Compares documents (vendors) for a scenario: scores per topic, winner, negotiation memos. A
 * read: stored reviews are used, missing ones computed and not stored.
 */
export const compareDocuments = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const body = parseInput("input", CompareBody, input);
  const found = [];
  for (const id of body.document_ids) {
    const doc = await ctx.db
      .selectFrom("documents")
      .leftJoin("vendors", "vendors.id", "documents.vendor_id")
      .select([
        "documents.id",
        "documents.name",
        "documents.text",
        "documents.language",
        "documents.sha256",
        "vendors.name as vendor",
      ])
      .where("documents.workspace_id", "=", ws)
      .where("documents.id", "=", id)
      .executeTakeFirst();
    if (!doc) throw new NotFoundError("document", id);
    found.push(doc);
  }
  // One language for every column: the one asked, else the first document's.
  const lang = reviewLang(found[0]?.language ?? "en", body.lang);
  const reviews: ReviewResult[] = [];
  for (const doc of found) {
    const stored = await ctx.db
      .selectFrom("reviews")
      .select("result")
      .where("document_id", "=", doc.id)
      .where("scenario", "=", body.scenario)
      .where("lang", "=", lang)
      .executeTakeFirst();
    const review =
      (stored?.result as ReviewResult | undefined) ?? (await reviewTextInSandbox(doc, body.scenario, lang));
    // Vendors are labelled by vendor name when the document has one.
    reviews.push(doc.vendor ? { ...review, document: { ...review.document, name: doc.vendor } } : review);
  }
  return compareReviews(reviews, { scenario: body.scenario, lang });
}) satisfies Verb<z.input<typeof CompareBody>, unknown>;

/** One review rendered as a file: Markdown, a self-contained HTML page, or terms YAML. */
export const exportReview: Verb<
  { id: string } & z.input<typeof ReviewExportQuery>,
  { documentName: string; format: ExportFormat; body: string }
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id, format, lang } = parseInput("input", ReviewExportQuery.extend(ReviewId.shape), input);
  const row = await ctx.db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .leftJoin("vendors", "vendors.id", "documents.vendor_id")
    .select(["reviews.result", "reviews.lang", "documents.name", "documents.text", "vendors.name as vendor"])
    .where("reviews.workspace_id", "=", ws)
    .where("reviews.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("review", id);
  const stored = row.lang === "zh" || row.lang === "en" ? row.lang : undefined;
  const body = renderReview(row.result as ReviewResult, row.text, format, {
    lang: lang ?? stored,
    vendor: row.vendor ?? undefined,
  });
  return { documentName: row.name, format, body };
};
