import { InputError } from "../errors/index.js";
import { instantMs } from "./instant.js";
import { evaluateClock, MetricClock, type MetricState } from "./metric-clock.js";
import type { MetricName, SlaPolicy, SlaTarget } from "./sla-policy.js";
import { TICKET_EVENT_TYPES, TICKET_STATUSES, type TicketEvent } from "./ticket-event.js";

export type TicketStatus = "open" | "pending" | "on_hold" | "solved" | "closed";

export interface TicketTimeline {
  severity: string;
  state: TicketStatus;
  metrics: Record<MetricName, MetricState | null>;
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
 * change re-targets running clocks from their original start.
 */
export function replayTimeline(input: ReplayInput): TicketTimeline {
  const { policy, events } = input;
  const source = input.source ?? "events";
  const now = input.now.getTime();
  const fail = (i: number, field: string, value: unknown, reason: string): never => {
    const shown = value === undefined ? "" : ` ${JSON.stringify(value)}`;
    throw new InputError(source, `events[${i}].${field}${shown}: ${reason}`);
  };
  const knownSeverity = (i: number, sev: unknown): string => {
    if (typeof sev !== "string") return fail(i, "severity", sev, "required for this event");
    if (!Object.hasOwn(policy.severities, sev)) {
      fail(
        i,
        "severity",
        sev,
        `unknown severity (policy defines: ${Object.keys(policy.severities).join(", ")})`,
      );
    }
    return sev;
  };
  if (events.length === 0) throw new InputError(source, 'no events: the first event must be "created"');

  const first = new MetricClock();
  const next = new MetricClock();
  const resolution = new MetricClock();
  let severity = "";
  let status: TicketStatus = "open";
  let prev = Number.NEGATIVE_INFINITY;

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    const at = instantMs(ev.at);
    if (Number.isNaN(at)) fail(i, "at", ev.at, "expected an ISO 8601 instant with a UTC offset");
    if (at < prev) fail(i, "at", ev.at, `earlier than events[${i - 1}] (events must be in time order)`);
    if (at > now) fail(i, "at", ev.at, "after now");
    prev = at;
    if (i === 0 && ev.type !== "created") fail(0, "type", ev.type, 'the first event must be "created"');
    if (status === "closed") fail(i, "type", ev.type, "the ticket is already closed");
    switch (ev.type) {
      case "created":
        if (i > 0) fail(i, "type", ev.type, "the ticket was already created");
        severity = knownSeverity(i, ev.severity);
        first.start(at);
        resolution.start(at);
        break;
      case "agent_reply":
        first.stop(at, severity);
        if (next.running) closeCycle(next, at);
        break;
      case "customer_reply":
        if (status === "solved") {
          status = "open"; // a requester reply reopens a solved ticket (Zendesk)
          resolution.reopen(at);
        } else if (status === "pending" || status === "on_hold") {
          status = "open"; // a requester reply sets a waiting ticket back to open
          resolution.resume(at);
        }
        if (first.stopped && !next.running) {
          const breaches = next.breaches;
          next.start(at);
          next.breaches = breaches;
        }
        break;
      case "status": {
        const s = ev.status;
        if (!(TICKET_STATUSES as readonly unknown[]).includes(s)) {
          fail(i, "status", s, `unknown status (expected one of: ${TICKET_STATUSES.join(", ")})`);
        }
        if (status === "solved") fail(i, "type", ev.type, 'the ticket is solved (send "reopened" first)');
        status = s as TicketStatus;
        if (s === "open") resolution.resume(at);
        else resolution.pause(at);
        break;
      }
      case "severity_changed":
        severity = knownSeverity(i, ev.severity);
        break;
      case "solved":
        if (status === "solved") fail(i, "type", ev.type, "the ticket is already solved");
        first.stop(at, severity);
        if (next.running) closeCycle(next, at);
        resolution.stop(at, severity);
        status = "solved";
        break;
      case "reopened":
        if (status !== "solved") fail(i, "type", ev.type, "only a solved ticket can be reopened");
        resolution.reopen(at);
        status = "open";
        break;
      case "closed":
        first.stop(at, severity);
        if (next.running) closeCycle(next, at);
        resolution.stop(at, severity);
        status = "closed";
        break;
      default:
        fail(
          i,
          "type",
          (ev as { type: unknown }).type,
          `unknown event type (expected one of: ${TICKET_EVENT_TYPES.join(", ")})`,
        );
    }
  }

  function targetFor(clock: MetricClock, metric: MetricName): SlaTarget | null {
    const sev = clock.stopped && clock.frozenSeverity ? clock.frozenSeverity : severity;
    return policy.severities[sev]?.[metric] ?? null;
  }

  /** Ends a next-response cycle, counting it when it missed its due instant. */
  function closeCycle(clock: MetricClock, at: number): void {
    clock.stop(at, severity);
    const target = targetFor(clock, "next_response");
    if (target) {
      const cal = policy.calendars.get(target.calendar);
      if (cal && evaluateClock(clock, cal, target, at).state === "breached") clock.breaches++;
    }
  }

  const evaluate = (clock: MetricClock, metric: MetricName): MetricState | null => {
    if (!clock.active) return null;
    const target = targetFor(clock, metric);
    if (!target) return null;
    const cal = policy.calendars.get(target.calendar);
    if (!cal) throw new InputError(source, `policy calendar "${target.calendar}" is missing`);
    const state = evaluateClock(clock, cal, target, now);
    // a closed cycle's breach was already counted when it closed
    if (metric === "next_response" && clock.stopped && state.state === "breached")
      state.breaches = clock.breaches;
    return state;
  };

  return {
    severity,
    state: status,
    metrics: {
      first_response: evaluate(first, "first_response"),
      next_response: evaluate(next, "next_response"),
      resolution: evaluate(resolution, "resolution"),
    },
  };
}
