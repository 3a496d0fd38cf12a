import type { CompiledCalendar } from "./business-calendar.js";
import type { ClockMeasure, MetricStatus } from "./metric-clock.js";

/** The reported state of one metric; instants are ISO 8601 in the calendar's UTC offset. */
export interface MetricState {
  state: MetricStatus;
  calendar: string;
  elapsed_minutes: number;
  target_minutes: number;
  target_business_days: number | null;
  started_at: string;
  due: string | null;
  breached_at: string | null;
  /** Breached cycles so far (next_response restarts after each customer reply; the others have one cycle). */
  breaches: number;
  warnings: { at_50: string | null; at_75: string | null; at_100: string | null };
}

/** `MetricState` with instants as epoch ms (what `replayTimelineRaw` returns; format with `formatTimeline`). */
export interface MetricStateRaw {
  state: MetricStatus;
  calendar: string;
  /** The calendar's key in the policy's `calendars` (what the target names; `calendar` is its display name). */
  calendar_id: string;
  elapsed_minutes: number;
  target_minutes: number;
  target_business_days: number | null;
  started_at: number;
  due: number | null;
  breached_at: number | null;
  breaches: number;
  warnings: { at_50: number | null; at_75: number | null; at_100: number | null };
}

/** The metric's state from a measure, instants as epoch ms. `breaches` already includes this cycle's. */
export function rawMetricState(
  m: ClockMeasure,
  cal: CompiledCalendar,
  calendarId: string,
  businessDays: number | null,
  startedAt: number,
  breaches: number,
): MetricStateRaw {
  const due = !Number.isNaN(m.due) ? m.due : null;
  return {
    state: m.state,
    calendar: cal.name,
    calendar_id: calendarId,
    elapsed_minutes: Math.floor(m.elapsed / 60_000),
    target_minutes: Math.floor(m.total / 60_000),
    target_business_days: businessDays,
    started_at: startedAt,
    due,
    breached_at: m.breached ? due : null,
    breaches,
    warnings: {
      at_50: !Number.isNaN(m.at50) ? m.at50 : null,
      at_75: !Number.isNaN(m.at75) ? m.at75 : null,
      at_100: !Number.isNaN(m.at100) ? m.at100 : null,
    },
  };
}

/** The metric's state from a measure, instants formatted in the calendar's offset (no raw object in between). */
export function formattedMetricState(
  m: ClockMeasure,
  cal: CompiledCalendar,
  businessDays: number | null,
  startedAt: number,
  breaches: number,
): MetricState {
  const dueText = !Number.isNaN(m.due) ? cal.formatMs(m.due) : null;
  return {
    state: m.state,
    calendar: cal.name,
    elapsed_minutes: Math.floor(m.elapsed / 60_000),
    target_minutes: Math.floor(m.total / 60_000),
    target_business_days: businessDays,
    started_at: cal.formatMs(startedAt),
    due: dueText,
    breached_at: m.breached ? dueText : null,
    breaches,
    warnings: {
      at_50: !Number.isNaN(m.at50) ? cal.formatMs(m.at50) : null,
      at_75: !Number.isNaN(m.at75) ? cal.formatMs(m.at75) : null,
      at_100: m.at100 === m.due ? dueText : !Number.isNaN(m.at100) ? cal.formatMs(m.at100) : null,
    },
  };
}

/** Formats a raw state's instants in the offset of `cal` (its calendar). */
export function formatMetricState(raw: MetricStateRaw, cal: CompiledCalendar): MetricState {
  const w = raw.warnings;
  const dueText = raw.due === null ? null : cal.formatMs(raw.due);
  return {
    state: raw.state,
    calendar: raw.calendar,
    elapsed_minutes: raw.elapsed_minutes,
    target_minutes: raw.target_minutes,
    target_business_days: raw.target_business_days,
    started_at: cal.formatMs(raw.started_at),
    due: dueText,
    breached_at:
      raw.breached_at === null ? null : raw.breached_at === raw.due ? dueText : cal.formatMs(raw.breached_at),
    breaches: raw.breaches,
    warnings: {
      at_50: w.at_50 === null ? null : cal.formatMs(w.at_50),
      at_75: w.at_75 === null ? null : cal.formatMs(w.at_75),
      at_100: w.at_100 === null ? null : w.at_100 === raw.due ? dueText : cal.formatMs(w.at_100),
    },
  };
}
