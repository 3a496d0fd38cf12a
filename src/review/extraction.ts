import type { Commitments, Span, TopicId } from "../terms/index.js";

/**
 * A text-level observation that a finding rule turns into a finding: vague wording
 * ("尽力而为", "commercially reasonable efforts"), a trap ("may reclassify the severity at its
 * sole discretion", "our records prevail"), a non-binding support promise. `rule` is the
 * finding id it feeds (e.g. "vague.best_effort", "trap.severity_reclassification").
 */
export interface Signal {
  rule: string;
  topic: TopicId;
  evidence: Span[];
  note?: string;
}

/** What extraction gives the findings engine: the commitments with evidence, plus signals. */
export interface Extraction {
  commitments: Commitments;
  signals: Signal[];
}
