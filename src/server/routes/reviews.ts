import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  ensureReview,
  REVIEW_SUMMARY_COLUMNS,
  reviewLang,
  reviewTextInSandbox,
} from "../../documents/index.js";
import { NotFoundError } from "../../errors/index.js";
import { compareReviews } from "../../review/index.js";
import { type ReviewResult, ScenarioId } from "../../terms/index.js";
import { requireMember } from "../auth/require-member.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";

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

/** GET/POST /workspaces/:ws/reviews, GET /reviews/:id, POST /compare. */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get(
    "/workspaces/:ws/reviews",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "stored reviews (summary), newest first",
        params: WorkspaceParams,
        querystring: ReviewListQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const query = parseQuery(ReviewListQuery, request.query);
      let q = db
        .selectFrom("reviews")
        .select([...REVIEW_SUMMARY_COLUMNS])
        .where("workspace_id", "=", ws);
      if (query.document_id) q = q.where("document_id", "=", query.document_id);
      if (query.scenario) q = q.where("scenario", "=", query.scenario);
      return toPage(await paginate(q, query).execute(), query);
    },
  );

  app.post(
    "/workspaces/:ws/reviews",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "review a stored document for another scenario or language (idempotent)",
        params: WorkspaceParams,
        body: ReviewCreate,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      const body = parseBody(ReviewCreate, request.body);
      const { review, created } = await ensureReview(db, {
        workspaceId: ws,
        documentId: body.document_id,
        scenario: body.scenario,
        lang: body.lang,
        actorId: request.principal?.userId ?? null,
        now: app.now(),
      });
      return reply.status(created ? 201 : 200).send(review);
    },
  );

  app.get(
    "/workspaces/:ws/reviews/:id",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "one review: the ReviewResult and the document text its spans point into",
        params: WorkspaceItemParams,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const row = await db
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
    },
  );

  app.post(
    "/workspaces/:ws/compare",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "compare documents (vendors) for a scenario: scores per topic, winner, negotiation memos",
        params: WorkspaceParams,
        body: CompareBody,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const body = parseBody(CompareBody, request.body);
      const found = [];
      for (const id of body.document_ids) {
        const doc = await db
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
        const stored = await db
          .selectFrom("reviews")
          .select("result")
          .where("document_id", "=", doc.id)
          .where("scenario", "=", body.scenario)
          .where("lang", "=", lang)
          .executeTakeFirst();
        const review =
          (stored?.result as ReviewResult | undefined) ??
          (await reviewTextInSandbox(doc, body.scenario, lang));
        // Vendors are labelled by vendor name when the document has one.
        reviews.push(doc.vendor ? { ...review, document: { ...review.document, name: doc.vendor } } : review);
      }
      return compareReviews(reviews, { scenario: body.scenario, lang });
    },
  );
};
