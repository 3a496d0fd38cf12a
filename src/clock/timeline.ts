import { InputError } from "../errors/index.js";
import { instantMs } from "./instant.js";
import { evaluateClock, MetricClock, type MetricState, measureClock } from "./metric-clock.js";
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
  return new TimelineReplay(input.policy, input.source ?? "events", input.now.getTime()).run(input.events);
}

/** One replay's state; methods rather than closures keep the hot path free of per-call allocations. */
class TimelineReplay {
  private readonly first = new MetricClock();
  private readonly next = new MetricClock();
  private readonly resolution = new MetricClock();
  private severity = "";
  private status: TicketStatus = "open";

  constructor(
    private readonly policy: SlaPolicy,
    private readonly source: string,
    private readonly now: number,
  ) {}

  run(events: readonly TicketEvent[]): TicketTimeline {
    if (events.length === 0)
      throw new InputError(this.source, 'no events: the first event must be "created"');
    let prev = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      const at = instantMs(ev.at);
      if (Number.isNaN(at)) this.fail(i, "at", ev.at, "expected an ISO 8601 instant with a UTC offset");
      if (at < prev)
        this.fail(i, "at", ev.at, `earlier than events[${i - 1}] (events must be in time order)`);
      if (at > this.now) this.fail(i, "at", ev.at, "after now");
      prev = at;
      if (i === 0 && ev.type !== "created")
        this.fail(0, "type", ev.type, 'the first event must be "created"');
      if (this.status === "closed") this.fail(i, "type", ev.type, "the ticket is already closed");
      this.apply(ev, i, at);
    }
    return {
      severity: this.severity,
      state: this.status,
      metrics: {
        first_response: this.evaluate(this.first, "first_response"),
        next_response: this.evaluate(this.next, "next_response"),
        resolution: this.evaluate(this.resolution, "resolution"),
      },
    };
  }

  private apply(ev: TicketEvent, i: number, at: number): void {
    const { first, next, resolution } = this;
    switch (ev.type) {
      case "created":
        if (i > 0) this.fail(i, "type", ev.type, "the ticket was already created");
        this.severity = this.knownSeverity(i, ev.severity);
        first.start(at);
        resolution.start(at);
        return;
      case "agent_reply":
        first.stop(at, this.severity);
        if (next.running) this.closeCycle(at);
        return;
      case "customer_reply":
        if (this.status === "solved") {
          this.status = "open"; // a requester reply reopens a solved ticket (Zendesk)
          resolution.reopen(at);
        } else if (this.status === "pending" || this.status === "on_hold") {
          this.status = "open"; // a requester reply sets a waiting ticket back to open
          resolution.resume(at);
        }
        if (first.stopped && !next.running) {
          const breaches = next.breaches;
          next.start(at);
          next.breaches = breaches;
        }
        return;
      case "status": {
        const s = ev.status;
        if (!(TICKET_STATUSES as readonly unknown[]).includes(s)) {
          this.fail(i, "status", s, `unknown status (expected one of: ${TICKET_STATUSES.join(", ")})`);
        }
        if (this.status === "solved")
          this.fail(i, "type", ev.type, 'the ticket is solved (send "reopened" first)');
        this.status = s as TicketStatus;
        if (s === "open") resolution.resume(at);
        else resolution.pause(at);
        return;
      }
      case "severity_changed":
        this.severity = this.knownSeverity(i, ev.severity);
        return;
      case "solved":
        if (this.status === "solved") this.fail(i, "type", ev.type, "the ticket is already solved");
        this.stopAll(at);
        this.status = "solved";
        return;
      case "reopened":
        if (this.status !== "solved") this.fail(i, "type", ev.type, "only a solved ticket can be reopened");
        resolution.reopen(at);
        this.status = "open";
        return;
      case "closed":
        this.stopAll(at);
        this.status = "closed";
        return;
      default:
        this.fail(
          i,
          "type",
          (ev as { type: unknown }).type,
          `unknown event type (expected one of: ${TICKET_EVENT_TYPES.join(", ")})`,
        );
    }
  }

  private stopAll(at: number): void {
    this.first.stop(at, this.severity);
    if (this.next.running) this.closeCycle(at);
    this.resolution.stop(at, this.severity);
  }

  private fail(i: number, field: string, value: unknown, reason: string): never {
    const shown = value === undefined ? "" : ` ${JSON.stringify(value)}`;
    throw new InputError(this.source, `events[${i}].${field}${shown}: ${reason}`);
  }

  private knownSeverity(i: number, sev: unknown): string {
    if (typeof sev !== "string") return this.fail(i, "severity", sev, "required for this event");
    if (!Object.hasOwn(this.policy.severities, sev)) {
      const known = Object.keys(this.policy.severities).join(", ");
      this.fail(i, "severity", sev, `unknown severity (policy defines: ${known})`);
    }
    return sev;
  }

  private targetFor(clock: MetricClock, metric: MetricName): SlaTarget | null {
    const sev = clock.stopped && clock.frozenSeverity ? clock.frozenSeverity : this.severity;
    return this.policy.severities[sev]?.[metric] ?? null;
  }

  /** Ends a next-response cycle, counting it when it missed its due instant. */
  private closeCycle(at: number): void {
    const clock = this.next;
    clock.stop(at, this.severity);
    const target = this.targetFor(clock, "next_response");
    const cal = target ? this.policy.calendars.get(target.calendar) : undefined;
    if (target && cal && measureClock(clock, cal, target, at).breached) clock.breaches++;
  }

  private evaluate(clock: MetricClock, metric: MetricName): MetricState | null {
    if (!clock.active) return null;
    const target = this.targetFor(clock, metric);
    if (!target) return null;
    const cal = this.policy.calendars.get(target.calendar);
    if (!cal) throw new InputError(this.source, `policy calendar "${target.calendar}" is missing`);
    const state = evaluateClock(clock, cal, target, this.now);
    // a closed cycle's breach was already counted when it closed
    if (metric === "next_response" && clock.stopped && state.state === "breached")
      state.breaches = clock.breaches;
    return state;
  }
}
