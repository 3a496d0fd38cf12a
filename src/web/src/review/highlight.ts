import type { Finding, FindingKind } from "../../../terms/review-schema";

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Indices of the findings whose evidence covers this piece; empty = plain text. */
  findings: number[];
  /** The kind that colours the piece (the most pressing of those covering it). */
  kind: FindingKind | null;
  /** Anchors of evidence spans starting here: `ev-<finding>-<evidence>`. */
  anchors: string[];
}

const KIND_RANK: Record<FindingKind, number> = { trap: 4, exclusion: 3, vague: 2, missing: 1, strength: 0 };

export function anchorId(finding: number, evidence: number): string {
  return `ev-${finding}-${evidence}`;
}

/**
 * Cuts the document text at every evidence boundary so each piece knows which findings cover
 * it. Spans outside the text are clamped; empty spans are ignored.
 */
export function segmentText(text: string, findings: readonly Finding[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const spans: { start: number; end: number; finding: number; evidence: number }[] = [];
  findings.forEach((f, fi) => {
    f.evidence.forEach((s, ei) => {
      const start = Math.max(0, Math.min(s.start, text.length));
      const end = Math.max(start, Math.min(s.end, text.length));
      if (end === start) return;
      spans.push({ start, end, finding: fi, evidence: ei });
      cuts.add(start);
      cuts.add(end);
    });
  });
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    const ids = [...new Set(covering.map((s) => s.finding))];
    let kind: FindingKind | null = null;
    for (const fi of ids) {
      const k = findings[fi].kind;
      if (kind === null || KIND_RANK[k] > KIND_RANK[kind]) kind = k;
    }
    const anchors = covering.filter((s) => s.start === start).map((s) => anchorId(s.finding, s.evidence));
    segments.push({ start, end, text: text.slice(start, end), findings: ids, kind, anchors });
  }
  return segments;
}
