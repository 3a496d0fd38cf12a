import type { Finding, FindingSeverity, Span } from "../../../terms/review-schema";

const SEVERITY_RANK: Record<FindingSeverity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/**
 * One finding per rule: the review emits a rule once per place it matched (the same title and
 * advice twice), so findings with the same id become one card holding every evidence span, in
 * document order, each span once. The first finding's wording is kept; the severity is the
 * highest of the group. Order follows each rule's first appearance.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const seen = byId.get(f.id);
    if (!seen) {
      byId.set(f.id, { ...f, evidence: [...f.evidence] });
      continue;
    }
    seen.evidence.push(...f.evidence);
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) seen.severity = f.severity;
  }
  return [...byId.values()].map((f) => ({ ...f, evidence: uniqueSpans(f.evidence) }));
}

function uniqueSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans
    .filter((s) => {
      const key = `${s.start}:${s.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
