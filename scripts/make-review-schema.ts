/**
 * Writes docs/review.schema.json: the JSON Schema of `termsight review --format json`, generated
 * from the zod `ReviewResult` (src/terms/review-schema.ts), so the documented shape cannot drift
 * from the code. test/review-schema.test.ts fails when the committed file is stale.
 * Run: npm run docs:schema   (after any change to ReviewResult)
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import * as terms from "../src/terms/index.js";

export const REVIEW_SCHEMA_FILE = fileURLToPath(new URL("../docs/review.schema.json", import.meta.url));

/**
 * The schema as committed: draft 2020-12, the output shape (what the CLI prints), two-space JSON.
 * Each named zod schema of src/terms used more than once (Span, SupportTier, …) becomes one entry
 * of `$defs` under its exported name, so the file reads like the code.
 */
export function reviewJsonSchema(): string {
  const names = z.registry<{ id: string }>();
  for (const [name, value] of Object.entries(terms)) {
    if (value instanceof z.ZodType && value !== terms.ReviewResult) names.add(value, { id: name });
  }
  const generated = z.toJSONSchema(terms.ReviewResult, {
    target: "draft-2020-12",
    io: "output",
    metadata: names,
    reused: "inline",
  });
  const { $schema, ...body } = generated;
  const schema = {
    $schema,
    title: "Termsight review result (termsight.review/v1)",
    description:
      "Output of `termsight review FILE --format json` (an array of these for several files). Generated from src/terms/review-schema.ts by `npm run docs:schema`; see docs/review-json.md.",
    ...body,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(REVIEW_SCHEMA_FILE, reviewJsonSchema());
  console.log(`wrote ${REVIEW_SCHEMA_FILE}`);
}
