import { InputError } from "../../errors/index.js";
import { compareFormats, compareReviews, parseScenario, renderComparison } from "../../review/index.js";
import type { ReviewResult } from "../../terms/index.js";
import { oneOf, parseCommandArgs } from "../args.js";
import { createDocumentReader } from "../document-reader.js";
import type { Command } from "../io.js";
import { writeOutput } from "./review.js";

const usage =
  "usage: termsight compare FILE FILE... [--scenario S] [--format json|md|html] [--lang zh|en] [--out FILE]";

export const run: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs("compare", args, {
    scenario: { type: "string" },
    format: { type: "string" },
    lang: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const scenario = parseScenario(values.scenario ?? "general");
  const format = oneOf("--format", values.format, compareFormats, "json");
  const lang =
    values.lang === undefined ? undefined : oneOf("--lang", values.lang, ["zh", "en"] as const, "zh");
  if (positionals.length < 2)
    throw new InputError("termsight compare", `needs at least two files (${usage})`);

  const reader = createDocumentReader();
  let reviews: ReviewResult[];
  try {
    const docs = await reader.load(positionals, io);
    reviews = docs.map((doc) => reader.review(doc, { scenario, lang }));
  } finally {
    await reader.close();
  }
  const comparison = compareReviews(reviews, { scenario, lang });
  await writeOutput(io, values.out, renderComparison(comparison, format));
  return 0;
};
