import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { InputError } from "../../errors/index.js";
import type { IngestedDocument } from "../../ingest/index.js";
import { parseScenario, renderReview, reviewFormats } from "../../review/index.js";
import { type FindingSeverity, ReviewResult } from "../../terms/index.js";
import { oneOf, parseCommandArgs } from "../args.js";
import { createDocumentReader } from "../document-reader.js";
import type { CliIo, Command } from "../io.js";

const usage =
  "usage: termsight review FILE... [--scenario S] [--format json|md|html|yaml] [--lang zh|en] [--fail-on high|medium|low] [--out FILE]";

const failLevels = ["high", "medium", "low"] as const;
const rank: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2, info: 3 };

/** Writes output to --out (a file, created with its folder) or standard output. */
export async function writeOutput(io: CliIo, out: string | undefined, text: string): Promise<void> {
  if (!out) {
    io.stdout(text);
    return;
  }
  const path = resolve(io.cwd, out);
  await mkdir(resolve(path, ".."), { recursive: true });
  await writeFile(path, text);
  io.stderr(`wrote ${out}\n`);
}

const optionsSpec = {
  scenario: { type: "string" },
  format: { type: "string" },
  lang: { type: "string" },
  "fail-on": { type: "string" },
  out: { type: "string" },
  vendor: { type: "string" },
  product: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const run: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs("review", args, optionsSpec);
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const scenario = parseScenario(values.scenario ?? "general");
  const format = oneOf("--format", values.format, reviewFormats, "json");
  const lang =
    values.lang === undefined ? undefined : oneOf("--lang", values.lang, ["zh", "en"] as const, "zh");
  const failOn =
    values["fail-on"] === undefined ? undefined : oneOf("--fail-on", values["fail-on"], failLevels, "high");
  if (positionals.length === 0) throw new InputError("termsight review", `no file given (${usage})`);
  if (format === "html" && positionals.length > 1 && !values.out) {
    throw new InputError("--format html", "several files need --out DIR (one page per file)");
  }

  const reader = createDocumentReader();
  let docs: IngestedDocument[];
  let results: ReviewResult[];
  try {
    docs = await reader.load(positionals, io);
    results = docs.map((doc) => reader.review(doc, { scenario, lang }));
  } finally {
    await reader.close();
  }
  const render = (i: number) =>
    renderReview(results[i], docs[i].text, format, { lang, vendor: values.vendor, product: values.product });

  if (format === "html" && results.length > 1 && values.out) {
    const dir = resolve(io.cwd, values.out);
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < results.length; i++) {
      const name = `${basename(docs[i].name).replace(/\.[^.]+$/, "") || `document-${i + 1}`}.html`;
      await writeFile(join(dir, name), render(i));
      io.stderr(`wrote ${join(values.out, name)}\n`);
    }
  } else if (format === "json" && results.length > 1) {
    await writeOutput(
      io,
      values.out,
      `${JSON.stringify(
        results.map((r) => ReviewResult.parse(r)),
        null,
        2,
      )}\n`,
    );
  } else {
    const separator = format === "yaml" ? "---\n" : "\n---\n\n";
    await writeOutput(io, values.out, results.map((_r, i) => render(i)).join(separator));
  }

  if (failOn === undefined) return 0;
  const failing = results.some((r) =>
    r.findings.some((f) => f.kind !== "strength" && rank[f.severity] <= rank[failOn]),
  );
  return failing ? 1 : 0;
};
