/** The per-metric state the SLA clock reports (see src/clock `replayTimeline`). */
export interface MetricStateLike {
  state: "running" | "paused" | "met" | "breached";
  due: string | null;
  breached_at: string | null;
  warnings: { at_50: string | null; at_75: string | null; at_100: string | null };
}

export interface TimelineLike {
  metrics: Record<string, MetricStateLike | null>;
}

export type SlaState = "breached" | "at_risk" | "running" | "paused" | "met" | "none";

/** What a ticket list shows: the next deadline and whether it is breached or at risk. */
export interface SlaSummary {
  state: SlaState;
  /** The earliest deadline of a running metric; null when nothing is running. */
  due: string | null;
  breached: boolean;
  /** A running metric is past 75% of its target (and not breached). */
  at_risk: boolean;
  /** The metrics breached so far (first_response, next_response, resolution). */
  breached_metrics: string[];
  /** When the first breach happened (earliest over the breached metrics); null when nothing is breached. */
  breached_at: string | null;
  /** When the first running metric passes 75% of its target (past = at risk since); null when nothing is running. */
  at_75: string | null;
}

/** Summarises a replayed timeline as of `now`: breached beats at risk beats running beats paused beats met. */
export function summarizeSla(timeline: TimelineLike, now: Date): SlaSummary {
  const entries = Object.entries(timeline.metrics).filter(
    (e): e is [string, MetricStateLike] => e[1] != null,
  );
  const breachedMetrics = entries
    .filter(
      ([, m]) =>
        m.state === "breached" || (m.breached_at != null && Date.parse(m.breached_at) <= now.getTime()),
    )
    .map(([name]) => name);
  const running = entries.filter(([, m]) => m.state === "running").map(([, m]) => m);
  const atRisk = running.some(
    (m) => m.warnings.at_75 != null && Date.parse(m.warnings.at_75) <= now.getTime(),
  );
  const dues = running.map((m) => m.due).filter((d): d is string => d != null);
  dues.sort((a, b) => Date.parse(a) - Date.parse(b));
  const breached = breachedMetrics.length > 0;
  let state: SlaState = "none";
  if (breached) state = "breached";
  else if (atRisk) state = "at_risk";
  else if (running.length > 0) state = "running";
  else if (entries.some(([, m]) => m.state === "paused")) state = "paused";
  else if (entries.some(([, m]) => m.state === "met")) state = "met";
  return {
    state,
    due: dues[0] ?? null,
    breached,
    at_risk: atRisk && !breached,
    breached_metrics: breachedMetrics,
    breached_at: earliest(
      entries.filter(([name]) => breachedMetrics.includes(name)).map(([, m]) => m.breached_at ?? m.due),
    ),
    at_75: earliest(running.map((m) => m.warnings.at_75)),
  };
}

/** The earliest of some ISO instants (nulls ignored); null when there are none. */
function earliest(instants: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const at of instants)
    if (at != null && (best === null || Date.parse(at) < Date.parse(best))) best = at;
  return best;
}
