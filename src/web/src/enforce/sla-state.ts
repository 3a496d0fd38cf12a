import type { SlaSummary } from "./ticket-types";

/** One SLA metric of a ticket timeline (src/clock replayTimeline). */
export interface MetricState {
  state: "running" | "paused" | "met" | "breached";
  /** The business calendar the metric is counted in (its display name). */
  calendar?: string;
  elapsed_minutes: number;
  target_minutes: number | null;
  due: string | null;
  breached_at: string | null;
  warnings?: { at_50: string | null; at_75: string | null; at_100: string | null };
}

export type ClockView =
  | { kind: "met" }
  | { kind: "paused" }
  | { kind: "due"; ms: number }
  | { kind: "at_risk"; ms: number }
  | { kind: "breached"; ms: number | null }
  | { kind: "none" };

/**
 * What a live SLA clock shows at `now`: a running metric counts down to `due` (at risk past the
 * 75 % warning), then counts up from the breach. Paused and met clocks stand still.
 */
export function clockAt(metric: MetricState | null, now: number): ClockView {
  if (!metric) return { kind: "none" };
  if (metric.state === "met") return { kind: "met" };
  if (metric.state === "breached") {
    const at = metric.breached_at ?? metric.due;
    return { kind: "breached", ms: at ? Math.max(0, now - Date.parse(at)) : null };
  }
  if (metric.state === "paused" || !metric.due) return { kind: "paused" };
  const due = Date.parse(metric.due);
  if (now >= due) return { kind: "breached", ms: now - due };
  const risk = metric.warnings?.at_75 ? Date.parse(metric.warnings.at_75) : null;
  if (risk !== null && now >= risk) return { kind: "at_risk", ms: due - now };
  return { kind: "due", ms: due - now };
}

/**
 * What the tickets list shows at `now` from a ticket's SLA summary: counts up from `breached_at`
 * once breached; a running clock turns at risk when `now` reaches `at_75` and breached when it
 * reaches `due`, without waiting for the server to re-read the list.
 */
export function summaryClockAt(sla: SlaSummary | null, now: number): ClockView {
  if (!sla || sla.state === "none") return { kind: "none" };
  if (sla.state === "met") return { kind: "met" };
  if (sla.state === "breached" || sla.breached) {
    // `due` is the next running deadline, not the breached one: without `breached_at` say just "breached".
    const at = sla.breached_at;
    return { kind: "breached", ms: at ? Math.max(0, now - Date.parse(at)) : null };
  }
  if (sla.state === "paused" || !sla.due) return { kind: "paused" };
  const due = Date.parse(sla.due);
  if (now >= due) return { kind: "breached", ms: now - due };
  if (sla.at_75 !== null && now >= Date.parse(sla.at_75)) return { kind: "at_risk", ms: due - now };
  return { kind: "due", ms: due - now };
}
