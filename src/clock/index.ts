export { CompiledCalendar, compileCalendar } from "./business-calendar.js";
export { loadCalendar, parseCalendar } from "./calendar-schema.js";
export type { BusinessCalendar, CalendarDef, ExtraWorkday, MinuteRange, Weekday } from "./calendar-types.js";
export { importIcsHolidays } from "./ics-holidays.js";
export { parseInstant } from "./instant.js";
export type { MetricState, MetricStatus } from "./metric-clock.js";
export {
  ALWAYS_OPEN,
  loadPolicy,
  METRICS,
  type MetricName,
  type SlaPolicy,
  type SlaTarget,
} from "./sla-policy.js";
export { parseTicketEvents, TICKET_EVENT_TYPES, TICKET_STATUSES, TicketEvent } from "./ticket-event.js";
export { type ReplayInput, replayTimeline, type TicketStatus, type TicketTimeline } from "./timeline.js";
