import { LineCounter, parseDocument, stringify } from "yaml";
import { z } from "zod";
import { InputError, yamlToValue } from "../errors/index.js";

/** Keep the text of the elements matching `keep`, minus those matching `remove` (CSS selectors). */
export const HtmlExtract = z.strictObject({
  keep: z.array(z.string().min(1).max(500)).min(1).max(20),
  remove: z.array(z.string().min(1).max(500)).max(50).default([]),
});
/** The whole response is a document of this format, ingested as is. */
export const WholeExtract = z.strictObject({ whole: z.enum(["pdf", "docx", "html", "txt", "md"]) });

export const WatchSchedule = z.strictObject({
  /** Default twice a day. */
  every_hours: z
    .number()
    .min(1)
    .max(24 * 14)
    .default(12),
  /** Each watch gets a fixed offset in [0, jitter) so a vendor's pages are not all fetched at once. */
  jitter_minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
});

/** One watched vendor document, as written in YAML (terms as code) and stored. */
export const WatchDeclaration = z.strictObject({
  vendor_id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  url: z
    .string()
    .max(2000)
    .refine((u) => /^https?:\/\/[^/]/i.test(u), "must be an http:// or https:// url"),
  extract: z.union([WholeExtract, HtmlExtract]),
  schedule: WatchSchedule.default({ every_hours: 12, jitter_minutes: 60 }),
  /** The signed contract whose terms each new version is also compared with. */
  contract_id: z.string().min(1).nullable().default(null),
});
export type WatchDeclaration = z.infer<typeof WatchDeclaration>;
export type WatchDeclarationInput = z.input<typeof WatchDeclaration>;

export const WatchFile = z.strictObject({
  schema: z.literal("termsight.watch/v1"),
  watches: z.array(WatchDeclaration).max(5000),
});
export type WatchFile = z.infer<typeof WatchFile>;

/** Validates one declaration; a bad field is an InputError naming `source` and the field path. */
export function parseWatchDeclaration(value: unknown, source = "watch"): WatchDeclaration {
  const r = WatchDeclaration.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.join(".");
  throw new InputError(path ? `${source}.${path}` : source, (issue?.message ?? "invalid").toLowerCase());
}

/** Reads a `termsight.watch/v1` YAML file; errors name the file, the line when known and the field. */
export function loadWatchFile(text: string, source = "watch.yaml"): WatchFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? null;
    throw new InputError(source, first.message.split("\n")[0].toLowerCase(), line);
  }
  const value = yamlToValue((opts) => doc.toJS(opts), source);
  const r = WatchFile.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path ?? [];
  const node = path.length ? doc.getIn(path, true) : null;
  const range = (node as { range?: [number, number] } | null)?.range;
  const line = range ? lineCounter.linePos(range[0]).line : null;
  throw new InputError(
    path.length ? `${source}: ${path.join(".")}` : source,
    (issue?.message ?? "invalid").toLowerCase(),
    line,
  );
}

/** The declarations as a `termsight.watch/v1` YAML file (what the export and the UI editor show). */
export function dumpWatchFile(watches: WatchDeclaration[]): string {
  return stringify({ schema: "termsight.watch/v1", watches } satisfies WatchFile, { lineWidth: 0 });
}
