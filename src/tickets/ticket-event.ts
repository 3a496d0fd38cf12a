import { z } from "zod";
import { TICKET_EVENT_TYPES, TICKET_STATUSES } from "../clock/index.js";
import { InputError } from "../errors/index.js";

/** Event types a ticket timeline understands: the SLA clock's list, its one source. */
export const TicketEventType = z.enum(TICKET_EVENT_TYPES);
export type TicketEventType = z.infer<typeof TicketEventType>;

export const TicketStatusValue = z.enum(TICKET_STATUSES);
export type TicketStatusValue = z.infer<typeof TicketStatusValue>;

/** One event as accepted from a face or an import file (before it is stored). */
export const TicketEventInput = z.object({
  type: TicketEventType,
  at: z.string().min(1),
  severity: z.string().min(1).max(32).nullable().optional(),
  status: TicketStatusValue.nullable().optional(),
  author: z.string().max(320).nullable().optional(),
  body: z.string().max(100_000).nullable().optional(),
  /** A natural key that makes re-imports idempotent (an email's Message-ID, or `type@at`). */
  source_key: z.string().max(998).nullable().optional(),
});
export type TicketEventInput = z.infer<typeof TicketEventInput>;

/** An event with its instant normalised to a canonical ISO string. */
export interface TicketEventRecord {
  type: TicketEventType;
  at: string;
  severity: string | null;
  status: TicketStatusValue | null;
  author: string | null;
  body: string | null;
  source_key: string | null;
}

/** A problem in a list of events: the index of the event and the field, so callers can add a line. */
export interface EventProblem {
  index: number;
  field: string;
  reason: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO 8601 instant with an explicit offset; null when malformed or impossible. */
export function parseIsoInstant(text: string): Date | null {
  const trimmed = text.trim();
  if (!ISO_INSTANT.test(trimmed)) return null;
  const date = new Date(trimmed);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible calendar dates such as 2026-02-30 (Date rolls them over).
  const [y, m, d] = trimmed.slice(0, 10).split("-").map(Number);
  const local = new Date(Date.UTC(y, m - 1, d));
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== m - 1 || local.getUTCDate() !== d) return null;
  return date;
}

/** What may follow a given state: the ticket life cycle the clock replays. */
function lifecycleProblem(type: TicketEventType, state: "open" | "solved" | "closed"): string | null {
  if (state === "closed") return `"${type}" after the ticket was closed`;
  if (type === "reopened" && state !== "solved") return `"reopened" needs a solved ticket`;
  if (type === "solved" && state === "solved") return `"solved" on a ticket already solved`;
  if (type === "status" && state === "solved") return `"status" on a solved ticket (send "reopened" first)`;
  return null;
}

/** Where a ticket is in its life cycle after its events. */
export type TicketLifecycle = "open" | "solved" | "closed";

export function lifecycleOf(events: { type: TicketEventType }[]): TicketLifecycle {
  let state: TicketLifecycle = "open";
  for (const e of events) state = nextState(e.type, state);
  return state;
}

/**
 * Events a ticket in each state takes when one is added to it now (not when a history is imported,
 * which may hold an agent's follow-up after "solved"): a solved ticket takes a customer reply (which
 * reopens it), "reopened" or "closed"; a closed one takes nothing; an open one is not reopened.
 */
const ALLOWED_IN: Record<TicketLifecycle, ReadonlySet<TicketEventType>> = {
  open: new Set(TICKET_EVENT_TYPES.filter((t) => t !== "reopened")),
  solved: new Set<TicketEventType>(["customer_reply", "reopened", "closed"]),
  closed: new Set<TicketEventType>(),
};

/** Why a ticket in `state` refuses an event of `type` added now; null when it takes it. */
export function eventRefusal(type: TicketEventType, state: TicketLifecycle): string | null {
  if (type === "created" || ALLOWED_IN[state].has(type)) return null; // "created" twice is an input error
  const takes = [...ALLOWED_IN[state]];
  return `"${type}" is not allowed (it takes ${takes.length > 0 ? takes.map((t) => `"${t}"`).join(", ") : "no more events"})`;
}

/**
 * Checks a ticket's events: known types, valid instants in chronological order, one `created` first,
 * the fields each type needs, and a coherent life cycle. `previous` are events already stored
 * (for appending). Returns the normalised events or the first problem.
 */
export function checkEventSequence(
  events: unknown[],
  previous: TicketEventRecord[] = [],
): { ok: true; events: TicketEventRecord[] } | { ok: false; problem: EventProblem } {
  let state = lifecycleOf(previous);
  let lastAt = previous.length > 0 ? Date.parse(previous[previous.length - 1].at) : Number.NEGATIVE_INFINITY;
  let hasCreated = previous.length > 0;
  const out: TicketEventRecord[] = [];
  for (let index = 0; index < events.length; index++) {
    const raw = events[index];
    const parsed = TicketEventInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length > 0 ? issue.path.join(".") : "event";
      const reason =
        issue.code === "invalid_value" && field === "type"
          ? `unknown event type ${JSON.stringify((raw as { type?: unknown }).type)} (expected one of: ${TicketEventType.options.join(", ")})`
          : issue.message.toLowerCase();
      return { ok: false, problem: { index, field, reason } };
    }
    const e = parsed.data;
    const at = parseIsoInstant(e.at);
    if (!at)
      return {
        ok: false,
        problem: { index, field: "at", reason: `"${e.at}" is not an ISO 8601 instant with an offset` },
      };
    if (!hasCreated && e.type !== "created") {
      return {
        ok: false,
        problem: { index, field: "type", reason: `the first event must be "created", not "${e.type}"` },
      };
    }
    if (hasCreated && e.type === "created") {
      return {
        ok: false,
        problem: { index, field: "type", reason: `"created" may only be the first event` },
      };
    }
    if (at.getTime() < lastAt) {
      return {
        ok: false,
        problem: {
          index,
          field: "at",
          reason: `${e.at} is before the previous event (events must be in order)`,
        },
      };
    }
    if ((e.type === "created" || e.type === "severity_changed") && !e.severity) {
      return { ok: false, problem: { index, field: "severity", reason: `"${e.type}" needs a severity` } };
    }
    if (e.type === "status" && !e.status) {
      return {
        ok: false,
        problem: { index, field: "status", reason: `"status" needs a status (open, pending, on_hold)` },
      };
    }
    const cycle = lifecycleProblem(e.type, state);
    if (cycle) return { ok: false, problem: { index, field: "type", reason: cycle } };
    state = nextState(e.type, state);
    hasCreated = true;
    lastAt = at.getTime();
    out.push({
      type: e.type,
      at: at.toISOString(),
      severity: e.severity ?? null,
      status: e.type === "status" ? (e.status ?? null) : null,
      author: e.author ?? null,
      body: e.body ?? null,
      source_key: e.source_key ?? null,
    });
  }
  return { ok: true, events: out };
}

function nextState(type: TicketEventType, state: "open" | "solved" | "closed"): "open" | "solved" | "closed" {
  if (type === "solved") return "solved";
  if (type === "closed") return "closed";
  if (type === "reopened") return "open";
  if (type === "customer_reply" && state === "solved") return "open"; // a requester reply reopens (as the clock does)
  return state;
}

/** Like `checkEventSequence` but throws an InputError naming the source, the event and the field. */
export function requireEventSequence(
  source: string,
  events: unknown[],
  previous: TicketEventRecord[] = [],
  fieldPrefix = "events",
): TicketEventRecord[] {
  const result = checkEventSequence(events, previous);
  if (!result.ok) {
    const { index, field, reason } = result.problem;
    throw new InputError(source, `${fieldPrefix}[${index}].${field}: ${reason}`);
  }
  return result.events;
}

/** The ticket's coarse status after its events. */
export function ticketStatusOf(
  events: TicketEventRecord[],
): "open" | "pending" | "on_hold" | "solved" | "closed" {
  let status: "open" | "pending" | "on_hold" | "solved" | "closed" = "open";
  for (const e of events) {
    if (e.type === "solved") status = "solved";
    else if (e.type === "closed") status = "closed";
    else if (e.type === "reopened") status = "open";
    else if (e.type === "customer_reply" && status !== "closed") status = "open";
    else if (e.type === "status" && e.status) status = e.status;
  }
  return status;
}

/** The ticket's severity after its events. */
export function ticketSeverityOf(events: TicketEventRecord[]): string | null {
  let severity: string | null = null;
  for (const e of events)
    if (e.severity && (e.type === "created" || e.type === "severity_changed")) severity = e.severity;
  return severity;
}
