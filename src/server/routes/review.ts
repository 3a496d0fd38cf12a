import type { FastifyPluginAsync } from "fastify";
import { reviewUnstored, StatelessReviewBody } from "../../documents/index.js";
import { instanceRoute } from "../workspace-route.js";

/** POST /review: review a text without storing anything. */
export const routes: FastifyPluginAsync = async (app) => {
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/review",
      access: "user",
      tags: ["reviews"],
      summary: "review a text now; nothing is stored",
      body: StatelessReviewBody,
      input: ({ request }) => request.body,
    },
    reviewUnstored,
  );
};
