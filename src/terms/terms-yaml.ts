import { Document, isMap, isScalar, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { loadPolicy } from "../clock/index.js";
import { InputError, yamlToValue } from "../errors/index.js";
import { ContractDates } from "./contract-dates.js";
import { type LatencyTarget, LatencyTargets, latencyTargetsFromReview } from "./latency.js";
import { Commitments, type ReviewResult, type Span } from "./review-schema.js";

/**
 * Terms as code (`termsight.terms/v1`): the commitments of a review as a YAML file a person can
 * correct and keep under version control; the Enforce side reads it back with `loadTerms`.
 * Evidence is kept as quotes `{ line, text }` (offsets do not survive editing).
 */

export const Quote = z.object({ line: z.number().int().positive(), text: z.string() });
export type Quote = z.infer<typeof Quote>;

/** A type with every evidence span replaced by a quote. */
type Quoted<T> = T extends Span
  ? Quote
  : T extends Array<infer U>
    ? Quoted<U>[]
    : T extends object
      ? { [K in keyof T]: Quoted<T[K]> }
      : T;
export type TermsCommitments = Quoted<Commitments>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

const TermsHead = z.object({
  schema: z.literal("termsight.terms/v1"),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  source: z.object({ document: z.string().nullable(), sha256: z.string().nullable() }),
  effective: z.object({ from: IsoDate.nullable(), to: IsoDate.nullable() }),
  commitments: z.unknown(),
  /** Uncommented by a person: the business calendar and SLA policy (validated by src/clock). */
  calendar: z.unknown().optional(),
  sla_policy: z.unknown().optional(),
  /** Latency commitments (src/terms/latency.ts), judged per region by src/latency. */
  latency: z.unknown().optional(),
  /**
   * The vendor's published documents to watch for this contract (termsight.watch/v1 entries
   * without vendor_id/contract_id), validated and applied by src/watch when the contract is saved.
   */
  watch: z.unknown().optional(),
  /** The deal's dated clauses (renewal, notice, price change, data export): src/terms/contract-dates.ts. */
  dates: z.unknown().optional(),
});

export interface Terms extends Omit<z.infer<typeof TermsHead>, "commitments" | "latency" | "dates"> {
  commitments: TermsCommitments;
  latency?: LatencyTarget[];
  dates?: z.infer<typeof ContractDates>;
}

/** Applies `fn` to every item of every `evidence` list, however deep. */
function mapEvidence(
  value: unknown,
  fn: (item: unknown, path: (string | number)[]) => unknown,
  path: (string | number)[] = [],
): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mapEvidence(v, fn, [...path, i]));
  if (value == null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === "evidence" && Array.isArray(v)
        ? v.map((item, i) => fn(item, [...path, key, i]))
        : mapEvidence(v, fn, [...path, key]);
  }
  return out;
}

/** The review's commitments with spans turned into quotes. */
export function quoteCommitments(commitments: Commitments): TermsCommitments {
  return mapEvidence(commitments, (s) => ({
    line: (s as Span).line,
    text: (s as Span).text,
  })) as TermsCommitments;
}

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    "",
  );

/** Loads and validates a terms YAML file; errors name the file, the field path and its line. */
export function loadTerms(text: string, name: string): Terms {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw new InputError(
      name,
      `invalid yaml: ${err.message.split("\n")[0].toLowerCase()}`,
      lineCounter.linePos(err.pos[0]).line,
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as YamlNode | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const fail = (path: readonly PropertyKey[], reason: string): never => {
    throw new InputError(name, `${formatPath(path) || "(root)"}: ${reason}`, lineOf(path));
  };

  const head = TermsHead.safeParse(yamlToValue((opts) => doc.toJS(opts), name));
  if (!head.success) {
    const issue = head.error.issues[0];
    return fail(issue.path, issue.message.toLowerCase());
  }
  // Quotes become placeholder spans so the one contract schema validates the rest.
  const asSpans = mapEvidence(head.data.commitments, (item, path) => {
    const quote = Quote.safeParse(item);
    if (!quote.success) {
      const issue = quote.error.issues[0];
      return fail(["commitments", ...path, ...issue.path], `evidence quote: ${issue.message.toLowerCase()}`);
    }
    return { start: 0, end: 0, ...quote.data };
  });
  const commitments = Commitments.safeParse(asSpans);
  if (!commitments.success) {
    const issue = commitments.error.issues[0];
    return fail(["commitments", ...issue.path], issue.message.toLowerCase());
  }
  let latency: LatencyTarget[] | undefined;
  if (head.data.latency != null) {
    const parsed = LatencyTargets.safeParse(head.data.latency);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(["latency", ...issue.path], issue.message.toLowerCase());
    }
    latency = parsed.data;
  }
  let dates: z.infer<typeof ContractDates> | undefined;
  if (head.data.dates != null) {
    const parsed = ContractDates.safeParse(head.data.dates);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(["dates", ...issue.path], issue.message.toLowerCase());
    }
    dates = parsed.data;
  }
  if (head.data.sla_policy != null) checkSlaPolicy(head.data.sla_policy, fail);
  const { latency: _raw, dates: _rawDates, ...rest } = head.data;
  return {
    ...rest,
    commitments: quoteCommitments(commitments.data),
    ...(latency ? { latency } : {}),
    ...(dates ? { dates } : {}),
  };
}

/**
 * The SLA policy is validated with the clock's own loader before the terms are saved, so a policy
 * the clock would refuse later (`minutes: sixty`) is refused here, at its line in the terms file.
 */
function checkSlaPolicy(
  policy: unknown,
  fail: (path: readonly PropertyKey[], reason: string) => never,
): void {
  try {
    loadPolicy(JSON.stringify(policy), "sla_policy");
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // loadPolicy names the field as `severities.P1.first_response.minutes: reason`
    const m = /^([^\s:]+): (.*)$/s.exec(err.reason);
    const path = m ? m[1].split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "") : [];
    const parts = path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    fail(["sla_policy", ...parts], m ? m[2] : err.reason);
  }
}

const HEADER = ` Termsight terms as code (termsight.terms/v1).
 Generated from a review; correct it by hand and keep it under version control.
 Every value the document is silent on is null. Evidence quotes the document line.
 Loaded and validated by loadTerms (src/terms).`;

const KEY_COMMENTS: Record<string, string> = {
  vendor: " who commits (fill in)",
  source: " the document these terms were read from",
  effective: " contract dates (YYYY-MM-DD); null until signed",
  commitments: " what the vendor commits to, per topic (same shape as `termsight review --format json`)",
  latency:
    " latency targets checked against probe timings, per region (src/latency). metric: connect | tls | first_byte |\n first_token | first_audio_byte | total; stat: each | p50 | p90 | p95 | p99; window: period | day | hour.\n Read from the review's scenario items; the clause names no percentile, so every sample is judged (stat: each).",
};

const target = (minutes: number | null, days: number | null | undefined, calendar: string) =>
  minutes != null
    ? `{ minutes: ${minutes}, calendar: ${calendar} }`
    : days != null
      ? `{ business_days: ${days}, calendar: business }`
      : null;

/** One `severities` entry per support tier, in the clock's policy format (src/clock loadPolicy). */
function severityTemplate(review: ReviewResult): string[] {
  const tiers = review.commitments.support?.tiers ?? [];
  if (tiers.length === 0) {
    return [
      "#     P1:",
      "#       first_response: { minutes: 15, calendar: 24x7 }",
      "#       resolution: { minutes: 240, calendar: 24x7 }",
    ];
  }
  return tiers.flatMap((t) => {
    const calendar = t.coverage === "24x7" ? "24x7" : "business";
    const lines = [`#     ${JSON.stringify(t.severity)}:`];
    const first = target(t.response_minutes, t.response_business_days, calendar);
    const resolution = target(t.resolution_minutes, t.resolution_business_days, calendar);
    if (first) lines.push(`#       first_response: ${first}`);
    if (resolution) lines.push(`#       resolution: ${resolution}`);
    if (!first && !resolution) lines.push("#       {}   # no time committed for this level");
    return lines;
  });
}

const HOURS_TEMPLATE =
  '{ mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] }';

function footer(review: ReviewResult): string {
  return [
    "calendar:                     # the vendor's business hours (CONTRACTS.md §2); uncomment and correct",
    "#   timezone: Asia/Shanghai",
    "#   region: CN",
    `#   hours: ${HOURS_TEMPLATE}`,
    "sla_policy:                   # the SLA clock's policy (src/clock loadPolicy), one entry per severity above",
    `#   name: ${JSON.stringify(`${review.document.name} support`)}`,
    "#   calendars:",
    `#     business: { timezone: Asia/Shanghai, region: CN, hours: ${HOURS_TEMPLATE} }`,
    "#   severities:",
    ...severityTemplate(review),
  ]
    .map((line) => (line.startsWith("#") ? line.slice(1) : ` ${line}`))
    .join("\n");
}

/** Writes a review as terms-as-code YAML, with comments and commented calendar/SLA-policy templates. */
export function dumpTerms(review: ReviewResult, opts: { vendor?: string; product?: string } = {}): string {
  const terms: Terms = {
    schema: "termsight.terms/v1",
    vendor: opts.vendor ?? null,
    product: opts.product ?? null,
    source: { document: review.document.name, sha256: review.document.sha256 },
    effective: { from: null, to: null },
    commitments: quoteCommitments(review.commitments),
  };
  const latency = latencyTargetsFromReview(terms.commitments.scenario);
  if (latency.length) terms.latency = latency;
  const doc = new Document(terms);
  doc.commentBefore = HEADER;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && KEY_COMMENTS[pair.key.value]) {
        pair.key.commentBefore = KEY_COMMENTS[pair.key.value];
      }
    }
  }
  // evidence quotes on one line each: `- { line: 7, text: "…" }`
  visit(doc, {
    Map(_key, node) {
      const keys = node.items.map((p) => (isScalar(p.key) ? p.key.value : null));
      if (keys.length === 2 && keys[0] === "line" && keys[1] === "text") node.flow = true;
    },
  });
  doc.comment = footer(review);
  return doc.toString({ lineWidth: 0 });
}
