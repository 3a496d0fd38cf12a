import { InputError } from "../../errors/index.js";
import { type ReviewResult, type ScenarioId, type Span, TopicId } from "../../terms/index.js";
import { severityRank } from "../findings/find-findings.js";
import { summarizeCommitments } from "../render/commitment-summary.js";
import type { UiLang } from "../render/labels.js";
import { topicWeight } from "../scenarios/scenario-profiles.js";
import { scoreFindings } from "../score/score-findings.js";

export interface ComparisonRow {
  key: string;
  label: string;
  /** One value per vendor, in vendor order; null when that vendor's terms are silent. */
  values: (string | null)[];
}

export interface ComparisonTopic {
  topic: TopicId;
  weight: number;
  scores: number[];
  /** The vendor with the best topic score; null on a tie at the top. */
  winner: string | null;
  rows: ComparisonRow[];
}

export interface MemoItem {
  id: string;
  topic: TopicId;
  kind: string;
  severity: "high" | "medium";
  title: string;
  ask: string;
  suggested_clause: string;
  evidence: Span[];
}

export interface Comparison {
  schema: "termsight.compare/v1";
  scenario: ScenarioId;
  lang: UiLang;
  vendors: Array<{ name: string; document: ReviewResult["document"]; overall: number }>;
  /** Best overall score for the scenario; null on a tie. */
  winner: string | null;
  topics: ComparisonTopic[];
  /** Per vendor: the high and medium findings' asks and clauses, by severity then scenario weight. */
  memos: Array<{ vendor: string; items: MemoItem[] }>;
}

function vendorNames(reviews: ReviewResult[]): string[] {
  const base = reviews.map(
    (r) => r.document.name.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "") || r.document.name,
  );
  return base.map((name, i) =>
    base.indexOf(name) === i && base.lastIndexOf(name) === i ? name : `${name} (${i + 1})`,
  );
}

function winnerOf(names: string[], scores: number[]): string | null {
  const best = Math.max(...scores);
  const at = scores.flatMap((s, i) => (s === best ? [i] : []));
  return at.length === 1 ? names[at[0]] : null;
}

/** The negotiation memo of one review: high/medium findings, one item per rule id, evidence merged. */
export function negotiationMemo(review: ReviewResult, scenario: ScenarioId): MemoItem[] {
  const byId = new Map<string, MemoItem>();
  for (const f of review.findings) {
    if (f.kind === "strength" || (f.severity !== "high" && f.severity !== "medium")) continue;
    const seen = byId.get(f.id);
    if (seen) seen.evidence.push(...f.evidence);
    else
      byId.set(f.id, {
        id: f.id,
        topic: f.topic,
        kind: f.kind,
        severity: f.severity,
        title: f.title,
        ask: f.ask,
        suggested_clause: f.suggested_clause,
        evidence: [...f.evidence],
      });
  }
  return [...byId.values()].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      topicWeight(scenario, b.topic) - topicWeight(scenario, a.topic),
  );
}

/** Compares vendors' reviews made for one scenario: commitments side by side, winners per topic, memos. */
export function compareReviews(
  reviews: ReviewResult[],
  opts: { scenario: ScenarioId; lang?: UiLang },
): Comparison {
  if (reviews.length < 2) throw new InputError("compare", "needs at least two documents");
  for (const r of reviews) {
    if (r.scenario !== opts.scenario) {
      throw new InputError(r.document.name, `reviewed for scenario "${r.scenario}", not "${opts.scenario}"`);
    }
  }
  const lang = opts.lang ?? (reviews[0].document.language === "en" ? "en" : "zh");
  const names = vendorNames(reviews);
  const scores = reviews.map((r) => scoreFindings(r.findings, opts.scenario));
  const summaries = reviews.map((r) => summarizeCommitments(r.commitments, lang));
  const topics: ComparisonTopic[] = [];
  for (const topic of TopicId.options) {
    const weight = topicWeight(opts.scenario, topic);
    if (weight <= 0) continue;
    const topicScores = scores.map((s) => s.topics[topic] ?? 100);
    const rows = summaries[0]
      .filter((row) => row.topic === topic)
      .map((row) => ({
        key: row.key,
        label: row.label,
        values: summaries.map((s) => s.find((r) => r.topic === topic && r.key === row.key)?.value ?? null),
      }));
    topics.push({ topic, weight, scores: topicScores, winner: winnerOf(names, topicScores), rows });
  }
  return {
    schema: "termsight.compare/v1",
    scenario: opts.scenario,
    lang,
    vendors: reviews.map((r, i) => ({ name: names[i], document: r.document, overall: scores[i].overall })),
    winner: winnerOf(
      names,
      scores.map((s) => s.overall),
    ),
    topics,
    memos: reviews.map((r, i) => ({ vendor: names[i], items: negotiationMemo(r, opts.scenario) })),
  };
}
