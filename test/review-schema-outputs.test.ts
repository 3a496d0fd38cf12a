import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
// ajv comes with fastify (a dependency): the server validates requests with it.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

/**
 * docs/review.schema.json (what the README links as the review JSON's contract) accepts what
 * `termsight review --format json` really prints for every example document, in both output shapes.
 */
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const schema = JSON.parse(readFileSync(new URL("docs/review.schema.json", `file://${ROOT}`), "utf8"));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const EXAMPLES = readdirSync(new URL("examples/", `file://${ROOT}`)).filter((f) =>
  /\.(txt|md|html|pdf|docx)$/.test(f),
);

async function reviewJson(files: string[]): Promise<unknown> {
  const io = memoryIo("", ROOT);
  const code = await main(["review", ...files.map((f) => `examples/${f}`), "--format", "json"], io);
  expect(code, io.err).toBe(0);
  return JSON.parse(io.out);
}

const problems = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe("the committed review JSON Schema", () => {
  it("has examples to check", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(EXAMPLES)(
    "accepts the review of examples/%s",
    async (file) => {
      const result = await reviewJson([file]);
      expect(validate(result), problems().join("\n")).toBe(true);
    },
    60_000,
  );

  it("accepts each element of the array printed for several files, and refuses a result missing its findings", async () => {
    const results = (await reviewJson(EXAMPLES.slice(0, 2))) as Record<string, unknown>[];
    expect(results).toHaveLength(2);
    for (const result of results) expect(validate(result), problems().join("\n")).toBe(true);
    const { findings: _dropped, ...withoutFindings } = results[0] as Record<string, unknown>;
    expect(validate(withoutFindings)).toBe(false);
  }, 60_000);
});
