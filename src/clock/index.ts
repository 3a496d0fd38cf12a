export { CompiledCalendar, compileCalendar } from "./business-calendar.js";
export { loadCalendar, parseCalendar } from "./calendar-schema.js";
export type { BusinessCalendar, CalendarDef, ExtraWorkday, MinuteRange, Weekday } from "./calendar-types.js";
export { clockDataVersion } from "./holiday-data.js";
export { importIcsHolidays } from "./ics-holidays.js";
export { parseInstant } from "./instant.js";
export type { MetricStatus } from "./metric-clock.js";
export type { MetricState, MetricStateRaw } from "./metric-state.js";
export {
  ALWAYS_OPEN,
  loadPolicy,
  METRICS,
  type MetricName,
  type SlaPolicy,
  type SlaTarget,
} from "./sla-policy.js";
export { parseTicketEvents, TICKET_EVENT_TYPES, TICKET_STATUSES, TicketEvent } from "./ticket-event.js";
export {
  formatTimeline,
  type ReplayInput,
  replayTimeline,
  replayTimelineRaw,
  type TicketStatus,
  type TicketTimeline,
  type TicketTimelineRaw,
} from "./timeline.js";
export { isKnownZone } from "./zone-offsets.js";
