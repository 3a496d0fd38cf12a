/** A half-open span of time [start, end) in epoch ms; a segment with end <= start is empty (biz TimeSegment). */
export interface TimeSegment {
  readonly start: number;
  readonly end: number;
}

export function isEmptySegment(s: TimeSegment): boolean {
  return s.end <= s.start;
}

export function intersectSegments(a: TimeSegment, b: TimeSegment): TimeSegment {
  return { start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) };
}

/** The parts of `a` outside `b` (zero, one or two segments). */
export function subtractSegment(a: TimeSegment, b: TimeSegment): TimeSegment[] {
  if (isEmptySegment(intersectSegments(a, b))) return isEmptySegment(a) ? [] : [a];
  const out: TimeSegment[] = [];
  if (b.start > a.start) out.push({ start: a.start, end: b.start });
  if (b.end < a.end) out.push({ start: b.end, end: a.end });
  return out;
}

/** Sorts and unions segments: overlapping or touching ones merge, empty ones drop. */
export function mergeSegments(segments: readonly TimeSegment[]): TimeSegment[] {
  const sorted = segments
    .filter((s) => !isEmptySegment(s))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TimeSegment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
    } else out.push(s);
  }
  return out;
}
