import { createHash } from "node:crypto";
import { z } from "zod";
import { parseInput, type Verb } from "../context/index.js";
import { UnauthorizedError } from "../errors/index.js";
import { detectLanguage } from "../ingest/index.js";
import { sharedSandbox } from "../sandbox/index.js";
import { type ReviewResult, ScenarioId } from "../terms/index.js";

export const StatelessReviewBody = z.object({
  text: z.string().min(1, "text is empty").max(5_000_000),
  name: z.string().min(1).max(500).default("document.txt"),
  scenario: ScenarioId.default("general"),
  lang: z.enum(["zh", "en"]).optional(),
});

/**
 * Reviews a text without storing anything: any signed-in caller, no workspace, so no audit row.
 * It runs in a worker thread: a 5 MB text takes seconds to review.
 */
export const reviewUnstored: Verb<unknown, ReviewResult> = async ({ ctx, input }) => {
  if (!ctx.caller) throw new UnauthorizedError("authentication required");
  const body = parseInput("body", StatelessReviewBody, input);
  const sha256 = createHash("sha256").update(body.text).digest("hex");
  return sharedSandbox().review(
    { name: body.name, text: body.text, language: detectLanguage(body.text), sha256 },
    { scenario: body.scenario, lang: body.lang },
  );
};
