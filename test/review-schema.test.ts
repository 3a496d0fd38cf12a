import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REVIEW_SCHEMA_FILE, reviewJsonSchema } from "../scripts/make-review-schema.js";

describe("docs/review.schema.json", () => {
  it("is what `npm run docs:schema` generates from the zod ReviewResult (run it after changing the schema)", () => {
    const committed = readFileSync(REVIEW_SCHEMA_FILE, "utf8");
    expect(
      committed === reviewJsonSchema(),
      "docs/review.schema.json is stale: run npm run docs:schema",
    ).toBe(true);
  });

  it("describes every field of the review result, spans and findings included", () => {
    const schema = JSON.parse(reviewJsonSchema());
    expect(schema.required).toEqual(["schema", "document", "scenario", "commitments", "findings", "score"]);
    expect(schema.$defs.Span.required).toEqual(["start", "end", "line", "text"]);
    expect(Object.keys(schema.$defs.Commitments.properties)).toContain("exclusions");
  });
});
