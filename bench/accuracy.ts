/**
 * Field-level accuracy of the review on a labelled corpus (a folder with EXPECTED.json and the
 * texts it names), in-process, with the time each document takes. Scores as
 * ../shared/tools/accuracy.mjs does: a non-null expected value found = TP, missed = FN, a value
 * the text does not hold = FP; the labels' conventions are in the corpus README.
 * Run: npm run bench:accuracy -- DIR [-v] [--json]   (-v: per-field rows and every miss)
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ingestFile } from "../src/ingest/index.js";
import { reviewDocument } from "../src/review/index.js";
import { ExclusionCategory } from "../src/terms/index.js";

// biome-ignore lint/suspicious/noExplicitAny: the review JSON and the labels are read loosely, field by field
type Json = { [k: string]: any };
const args = process.argv.slice(2);
const verbose = args.includes("-v");
const asJson = args.includes("--json");
const dir = args.find((a) => !a.startsWith("-"));
if (!dir) {
  console.log("usage: npm run bench:accuracy -- DIR [-v] [--json]   (DIR holds EXPECTED.json)");
  process.exit(2);
}
const expectedPath = join(resolve(dir), "EXPECTED.json");
const root = dirname(expectedPath);
const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Json[];

const tally: Record<string, { tp: number; fp: number; fn: number }> = {};
const perDoc: Record<string, { tp: number; fp: number; fn: number; ms: number }> = {};
let current = "";
const t = (f: string) => {
  tally[f] ??= { tp: 0, fp: 0, fn: 0 };
  return {
    hit: (k: "tp" | "fp" | "fn") => {
      (tally[f] as { tp: number; fp: number; fn: number })[k]++;
      (perDoc[current] as { tp: number })[k as "tp"]++;
    },
  };
};
const near = (a: unknown, b: unknown) => a != null && b != null && Math.abs(Number(a) - Number(b)) < 1e-6;
const log: string[] = [];
function scalar(field: string, want: unknown, got: unknown, doc: string): void {
  if (want == null && got == null) return;
  if (want != null && near(want, got)) {
    t(field).hit("tp");
    return;
  }
  if (want != null && typeof want !== "number" && want === got) {
    t(field).hit("tp");
    return;
  }
  if (want != null) t(field).hit("fn");
  if (got != null) t(field).hit("fp");
  log.push(`${doc}: ${field} want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
}
function multiset<T>(field: string, want: T[], got: T[], doc: string, eq: (a: T, b: T) => boolean): void {
  const left = [...got];
  for (const w of want) {
    const i = left.findIndex((g) => eq(w, g));
    if (i >= 0) {
      t(field).hit("tp");
      left.splice(i, 1);
    } else {
      t(field).hit("fn");
      log.push(`${doc}: ${field} missed ${JSON.stringify(w)}`);
    }
  }
  for (const g of left) {
    t(field).hit("fp");
    log.push(`${doc}: ${field} extra ${JSON.stringify(g)}`);
  }
}

// The categories the labels use: the contract's, less catch_all, which the labels do not score.
const CATEGORIES = new Set<string>(ExclusionCategory.options.filter((c) => c !== "catch_all"));
// A claim window in months counts as 30 days a month.
const claimDays = (cr: Json | undefined) =>
  cr?.claim_deadline_days ??
  (cr?.claim_window?.unit === "months" && cr.claim_window.amount != null
    ? cr.claim_window.amount * 30
    : null);
const squash = (s: string) => s.replace(/\s+/g, "");
let spanBad = 0;
let spanAll = 0;
let crashed = 0;

for (const e of expected) {
  const file = join(root, e.file);
  current = e.file;
  perDoc[current] = { tp: 0, fp: 0, fn: 0, ms: 0 };
  let j: Json;
  let text: string;
  try {
    const doc = await ingestFile(file);
    text = doc.text;
    const t0 = performance.now();
    j = reviewDocument(doc) as unknown as Json;
    (perDoc[current] as { ms: number }).ms = performance.now() - t0;
  } catch (err) {
    crashed++;
    log.push(`${e.file}: crashed ${String(err).split("\n")[0]}`);
    continue;
  }
  const c = (j.commitments ?? {}) as Json;
  const raw = squash(readFileSync(file, "utf8"));
  JSON.stringify(j, (_k, v) => {
    if (v && typeof v === "object" && typeof v.text === "string" && "start" in v) {
      spanAll++;
      if (!raw.includes(squash(v.text)) || text.slice(v.start, v.end) !== v.text) spanBad++;
    }
    return v;
  });
  const binding = e.binding !== false;
  const tiers = (c.support?.tiers ?? []) as Json[];
  const target = c.availability?.target_percent ?? null;
  const targets = (e.availability_all_percent ?? []) as number[];
  scalar(
    "availability_target_percent",
    binding ? (targets.some((x) => near(x, target)) ? target : e.availability_target_percent) : null,
    target,
    e.file,
  );
  multiset(
    "credits",
    binding ? (e.credits ?? []) : [],
    ((c.credits?.tiers ?? []) as Json[]).map((x) => [x.below_percent, x.credit_percent]),
    e.file,
    (a, b) => near(a[0], b[0]) && near(a[1], b[1]),
  );
  scalar("credit_form", binding ? e.credit_form : null, c.credits?.form ?? null, e.file);
  scalar("claim_deadline_days", binding ? e.claim_deadline_days : null, claimDays(c.credits), e.file);
  scalar(
    "vendor_records_prevail",
    binding && e.vendor_records_prevail ? true : null,
    c.credits?.vendor_records_prevail === true ? true : null,
    e.file,
  );
  const want = (k: string) =>
    binding ? ((e.support_tiers ?? []) as Json[]).map((x) => x[k]).filter((x) => x != null) : [];
  const got = (k: string) => tiers.map((x) => x[k]).filter((x) => x != null);
  multiset("response_minutes", want("response_minutes"), got("response_minutes"), e.file, near);
  multiset("resolution_minutes", want("resolution_minutes"), got("resolution_minutes"), e.file, near);
  scalar(
    "rca_committed",
    binding && e.rca_committed ? true : null,
    c.rca?.committed === true ? true : null,
    e.file,
  );
  scalar(
    "maintenance_notice_hours",
    binding ? e.maintenance_notice_hours : null,
    c.maintenance?.notice_hours ?? null,
    e.file,
  );
  scalar(
    "data_deletion_days",
    binding ? e.data_deletion_days : null,
    c.data_exit?.deletion_days ?? null,
    e.file,
  );
  scalar("data_export_days", binding ? e.data_export_days : null, c.data_exit?.export_days ?? null, e.file);
  multiset(
    "exclusion_categories",
    binding ? [...new Set((e.exclusion_categories ?? []) as string[])] : [],
    [...new Set(((c.exclusions ?? []) as Json[]).map((x) => x.category as string))].filter((x) =>
      CATEGORIES.has(x),
    ),
    e.file,
    (a, b) => a === b,
  );
  const vague = ((j.findings ?? []) as Json[])
    .filter((f) => f.kind === "vague")
    .flatMap((f) => ((f.evidence ?? []) as Json[]).map((s) => squash(s.text)));
  for (const p of (e.best_effort_phrases ?? []) as string[]) {
    const q = squash(p);
    if (vague.some((v) => v.includes(q) || q.includes(v))) t("best_effort_phrases").hit("tp");
    else {
      t("best_effort_phrases").hit("fn");
      log.push(`${e.file}: vague phrase missed ${JSON.stringify(p)}`);
    }
  }
}

const f1Of = (v: { tp: number; fp: number; fn: number }) =>
  v.tp ? (2 * v.tp) / (2 * v.tp + v.fp + v.fn) : 0;
let TP = 0;
let FP = 0;
let FN = 0;
const rows = Object.entries(tally).map(([f, v]) => {
  TP += v.tp;
  FP += v.fp;
  FN += v.fn;
  return `${f.padEnd(28)} tp ${String(v.tp).padStart(3)} fp ${String(v.fp).padStart(3)} fn ${String(v.fn).padStart(3)} F1 ${f1Of(v).toFixed(2)}`;
});
const f1 = f1Of({ tp: TP, fp: FP, fn: FN });
const precision = TP + FP ? TP / (TP + FP) : 0;
const recall = TP + FN ? TP / (TP + FN) : 0;
if (asJson) console.log(JSON.stringify({ f1, precision, recall, fields: tally, docs: perDoc }, null, 1));
if (verbose) {
  console.log(rows.join("\n"));
  for (const [d, v] of Object.entries(perDoc))
    console.log(`${d.padEnd(64)} F1 ${(v.tp + v.fp + v.fn ? f1Of(v) : 1).toFixed(2)} ${v.ms.toFixed(1)} ms`);
  console.log(log.join("\n"));
}
const ms = Object.values(perDoc).map((v) => v.ms);
console.log(
  `accuracy: ${expected.length} docs, F1 ${f1.toFixed(3)} (P ${precision.toFixed(3)} R ${recall.toFixed(3)}), crashed ${crashed}, spans not in text ${spanBad}/${spanAll}, review ${ms.reduce((a, b) => a + b, 0).toFixed(0)} ms total, slowest ${Math.max(...ms).toFixed(1)} ms`,
);
process.exit(f1 >= 0.95 && crashed === 0 && spanBad === 0 ? 0 : 1);
