import type { FastifyPluginAsync } from "fastify";
import {
  CompareBody,
  compareDocuments,
  createReview,
  getReview,
  listReviews,
  ReviewCreate,
  ReviewListQuery,
} from "../../documents/index.js";
import { comparisonPdf } from "../../report/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const tags = ["reviews"];

/** GET/POST /workspaces/:ws/reviews, GET /reviews/:id, POST /compare, POST /compare/pdf. */
export const routes: FastifyPluginAsync = async (app) => {
  const path = "/workspaces/:ws/reviews";
  workspaceRoute(
    app,
    {
      method: "GET",
      path,
      role: "viewer",
      tags,
      summary: "stored reviews (summary), newest first",
      query: ReviewListQuery,
    },
    listReviews,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path,
      role: "editor",
      tags,
      summary: "review a stored document for another scenario or language (idempotent)",
      body: ReviewCreate,
      status: (r) => (r.created ? 201 : 200),
      view: (r) => r.review,
    },
    createReview,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: `${path}/:id`,
      role: "viewer",
      tags,
      summary: "one review: the ReviewResult and the document text its spans point into",
      params: WorkspaceItemParams,
    },
    getReview,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/compare",
      role: "viewer",
      tags,
      summary: "compare documents (vendors) for a scenario: scores per topic, winner, negotiation memos",
      body: CompareBody,
    },
    compareDocuments,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/compare/pdf",
      role: "viewer",
      tags,
      summary: "the same comparison with each vendor's negotiation memo, as a PDF to send out",
      body: CompareBody,
      send: (reply, file) =>
        reply
          .type(file.contentType)
          .header("content-disposition", `attachment; filename="${file.fileName}"`)
          .send(Buffer.from(file.bytes)),
    },
    comparisonPdf,
  );
};
