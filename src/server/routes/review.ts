import { createHash } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { detectLanguage } from "../../ingest/index.js";
import { sharedSandbox } from "../../sandbox/index.js";
import { ScenarioId } from "../../terms/index.js";
import { requireUser } from "../auth/require-member.js";
import { docs, parseBody } from "../validation.js";

export const StatelessReviewBody = z.object({
  text: z.string().min(1, "text is empty").max(5_000_000),
  name: z.string().min(1).max(500).default("document.txt"),
  scenario: ScenarioId.default("general"),
  lang: z.enum(["zh", "en"]).optional(),
});

/** POST /review: review a text without storing anything. */
export const routes: FastifyPluginAsync = async (app) => {
  app.post(
    "/review",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "review a text now; nothing is stored",
        body: StatelessReviewBody,
      }),
    },
    async (request) => {
      requireUser(request);
      const body = parseBody(StatelessReviewBody, request.body);
      const sha256 = createHash("sha256").update(body.text).digest("hex");
      // in a worker thread: a 5 MB text takes seconds to review
      return sharedSandbox().review(
        { name: body.name, text: body.text, language: detectLanguage(body.text), sha256 },
        { scenario: body.scenario, lang: body.lang },
      );
    },
  );
};
