import { InputError } from "../errors/index.js";
import {
  formatMetricState,
  formattedMetricState,
  type MetricState,
  type MetricStateRaw,
  rawMetricState,
} from "./metric-state.js";
import { preparePolicy } from "./prepared-policy.js";
import type { MetricName, SlaPolicy } from "./sla-policy.js";
import type { TicketEvent } from "./ticket-event.js";
import { acquireReplay, type TicketStatus, type TimelineReplay } from "./timeline-replay.js";

export type { TicketStatus };

export interface TicketTimeline {
  severity: string;
  state: TicketStatus;
  metrics: Record<MetricName, MetricState | null>;
}

/** `TicketTimeline` with instants as epoch ms (`replayTimelineRaw`; `formatTimeline` turns it into the former). */
export interface TicketTimelineRaw {
  severity: string;
  state: TicketStatus;
  metrics: Record<MetricName, MetricStateRaw | null>;
}

export interface ReplayInput {
  policy: SlaPolicy;
  events: readonly TicketEvent[];
  now: Date;
  /** Names the events in error messages (a file name); default "events". */
  source?: string;
}

/**
 * Replays ticket events against a policy (semantics in src/clock/README.md): first response stops
 * at the first agent reply; next response runs from a customer reply to the next agent reply;
 * resolution pauses while pending/on hold, stops when solved and resumes on reopen; a severity
 * change re-targets running clocks from their original start. Instants are ISO 8601 text in each
 * metric calendar's offset.
 */
export function replayTimeline(input: ReplayInput): TicketTimeline {
  const replay = runReplay(input);
  try {
    return {
      severity: replay.severity?.name ?? "",
      state: replay.status,
      metrics: {
        first_response: formattedMetric(replay, "first_response"),
        next_response: formattedMetric(replay, "next_response"),
        resolution: formattedMetric(replay, "resolution"),
      },
    };
  } finally {
    replay.busy = false;
  }
}

/**
 * `replayTimeline` with every instant as epoch ms instead of ISO text: the same replay without the
 * formatting, for bulk work (lists, sorting by due, counting breaches). `formatTimeline` gives the
 * `replayTimeline` result from it.
 */
export function replayTimelineRaw(input: ReplayInput): TicketTimelineRaw {
  const replay = runReplay(input);
  try {
    return {
      severity: replay.severity?.name ?? "",
      state: replay.status,
      metrics: {
        first_response: rawMetric(replay, "first_response"),
        next_response: rawMetric(replay, "next_response"),
        resolution: rawMetric(replay, "resolution"),
      },
    };
  } finally {
    replay.busy = false;
  }
}

/** The `replayTimeline` form of a raw timeline of the same policy (instants in each calendar's offset). */
export function formatTimeline(raw: TicketTimelineRaw, policy: SlaPolicy): TicketTimeline {
  const m = raw.metrics;
  return {
    severity: raw.severity,
    state: raw.state,
    metrics: {
      first_response: formatMetric(m.first_response, policy),
      next_response: formatMetric(m.next_response, policy),
      resolution: formatMetric(m.resolution, policy),
    },
  };
}

/** Runs the replay; the caller must set `busy = false` on the result when done reading it. */
function runReplay(input: ReplayInput): TimelineReplay {
  const prepared = preparePolicy(input.policy);
  const replay = acquireReplay();
  try {
    replay.run(prepared, input.events, input.now.getTime(), input.source ?? "events");
  } catch (err) {
    replay.busy = false;
    throw err;
  }
  return replay;
}

function formattedMetric(replay: TimelineReplay, metric: MetricName): MetricState | null {
  const target = replay.measureMetric(metric);
  if (!target?.cal) return null;
  const clock = replay.clockOf(metric);
  return formattedMetricState(
    replay.measure,
    target.cal,
    target.target.business_days,
    clock.startedAt,
    replay.breachesOf(metric),
  );
}

function rawMetric(replay: TimelineReplay, metric: MetricName): MetricStateRaw | null {
  const target = replay.measureMetric(metric);
  if (!target?.cal) return null;
  const clock = replay.clockOf(metric);
  return rawMetricState(
    replay.measure,
    target.cal,
    target.calendarName,
    target.target.business_days,
    clock.startedAt,
    replay.breachesOf(metric),
  );
}

function formatMetric(raw: MetricStateRaw | null, policy: SlaPolicy): MetricState | null {
  if (!raw) return null;
  const cal = policy.calendars.get(raw.calendar_id);
  if (!cal) throw new InputError(policy.name, `policy calendar "${raw.calendar_id}" is missing`);
  return formatMetricState(raw, cal);
}
