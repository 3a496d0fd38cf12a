import { InputError } from "../errors/index.js";
import { instantMs } from "./instant.js";
import { ClockMeasure, MetricClock, measureClock, targetMs } from "./metric-clock.js";
import type { PreparedPolicy, PreparedSeverity, PreparedTarget } from "./prepared-policy.js";
import type { MetricName } from "./sla-policy.js";
import { TICKET_EVENT_TYPES, TICKET_STATUSES, type TicketEvent } from "./ticket-event.js";

export type TicketStatus = "open" | "pending" | "on_hold" | "solved" | "closed";

/**
 * One replay's state machine, in epoch ms (semantics in src/clock/README.md). Instances are reused
 * from call to call (`acquireReplay`), so a replay allocates nothing but its result.
 */
export class TimelineReplay {
  readonly first = new MetricClock<PreparedSeverity>();
  readonly next = new MetricClock<PreparedSeverity>();
  readonly resolution = new MetricClock<PreparedSeverity>();
  /** Filled by `measureMetric`. */
  readonly measure = new ClockMeasure();
  severity: PreparedSeverity | null = null;
  status: TicketStatus = "open";
  now = 0;
  busy = false;
  private policy: PreparedPolicy | null = null;
  private source = "events";

  /** Replays `events` up to `now`; then read the metrics with `measureMetric`. */
  run(policy: PreparedPolicy, events: readonly TicketEvent[], now: number, source: string): void {
    this.policy = policy;
    this.source = source;
    this.now = now;
    this.severity = null;
    this.status = "open";
    this.first.reset();
    this.next.reset();
    this.resolution.reset();
    const n = events.length;
    if (n === 0) throw new InputError(source, 'no events: the first event must be "created"');
    let prev = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const ev = events[i];
      if (typeof ev !== "object" || ev === null)
        throw new InputError(source, `events[${i}]: expected an event object`);
      const text = ev.at;
      const at = typeof text === "string" ? instantMs(text) : Number.NaN;
      if (Number.isNaN(at)) this.fail(i, "at", text, "expected an ISO 8601 instant with a UTC offset");
      if (at < prev) this.fail(i, "at", text, `earlier than events[${i - 1}] (events must be in time order)`);
      if (at > now) this.fail(i, "at", text, "after now");
      prev = at;
      if (i === 0 && ev.type !== "created")
        this.fail(0, "type", ev.type, 'the first event must be "created"');
      this.apply(ev, i, at);
    }
  }

  /** The clock of a metric. */
  clockOf(metric: MetricName): MetricClock<PreparedSeverity> {
    return metric === "first_response"
      ? this.first
      : metric === "next_response"
        ? this.next
        : this.resolution;
  }

  /**
   * Measures a metric at `now` into `this.measure`; returns its target, or null when the metric
   * has none (never started, or no target for the severity).
   */
  measureMetric(metric: MetricName): PreparedTarget | null {
    const clock = this.clockOf(metric);
    if (!clock.active) return null;
    const target = this.targetOf(clock, metric);
    if (!target) return null;
    const cal = target.cal;
    if (!cal) throw new InputError(this.source, `policy calendar "${target.calendarName}" is missing`);
    if (clock.stopped && clock.atStopValid) {
      this.measure.copyFrom(clock.atStop); // measured when it stopped, under the same (frozen) target
      return target;
    }
    const total = !Number.isNaN(target.fixedMs)
      ? target.fixedMs
      : targetMs(cal, target.target, clock.startedAt);
    measureClock(clock, cal, total, this.now, this.measure);
    return target;
  }

  /** Breached cycles of a measured metric (a closed next-response cycle counted its breach when it closed). */
  breachesOf(metric: MetricName): number {
    const clock = this.clockOf(metric);
    const counted = metric === "next_response" && clock.stopped;
    return clock.breaches + (this.measure.breached && !counted ? 1 : 0);
  }

  private apply(ev: TicketEvent, i: number, at: number): void {
    if (this.status === "closed") this.fail(i, "type", ev.type, "the ticket is already closed");
    const { first, next, resolution } = this;
    switch (ev.type) {
      case "created":
        if (i > 0) this.fail(i, "type", ev.type, "the ticket was already created");
        this.severity = this.knownSeverity(i, ev.severity);
        first.start(at);
        resolution.start(at);
        return;
      case "agent_reply":
        first.stop(at, this.currentSeverity());
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
        if (first.stopped && !next.running) next.start(at); // keeps the breaches of earlier cycles
        return;
      case "status": {
        const s = ev.status;
        if (s !== "open" && s !== "pending" && s !== "on_hold") {
          this.fail(i, "status", s, `unknown status (expected one of: ${TICKET_STATUSES.join(", ")})`);
        }
        if (this.status === "solved")
          this.fail(i, "type", ev.type, 'the ticket is solved (send "reopened" first)');
        this.status = s;
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

  /** Set by the first event, which is always "created". */
  private currentSeverity(): PreparedSeverity {
    return this.severity as PreparedSeverity;
  }

  private stopAll(at: number): void {
    const sev = this.currentSeverity();
    this.first.stop(at, sev);
    if (this.next.running) this.closeCycle(at);
    this.resolution.stop(at, sev);
  }

  private fail(i: number, field: string, value: unknown, reason: string): never {
    const shown = value === undefined ? "" : ` ${JSON.stringify(value)}`;
    throw new InputError(this.source, `events[${i}].${field}${shown}: ${reason}`);
  }

  private knownSeverity(i: number, sev: unknown): PreparedSeverity {
    if (typeof sev !== "string") return this.fail(i, "severity", sev, "required for this event");
    const found = (this.policy as PreparedPolicy).severities.get(sev);
    if (!found) {
      this.fail(
        i,
        "severity",
        sev,
        `unknown severity (policy defines: ${(this.policy as PreparedPolicy).known})`,
      );
    }
    return found;
  }

  private targetOf(clock: MetricClock<PreparedSeverity>, metric: MetricName): PreparedTarget | null {
    const sev = clock.stopped && clock.frozen ? clock.frozen : this.severity;
    return sev ? sev[metric] : null;
  }

  /** Ends a next-response cycle, counting it when it missed its due instant. */
  private closeCycle(at: number): void {
    const clock = this.next;
    clock.stop(at, this.currentSeverity());
    const target = this.targetOf(clock, "next_response");
    const cal = target?.cal;
    if (!target || !cal) return;
    const total = !Number.isNaN(target.fixedMs)
      ? target.fixedMs
      : targetMs(cal, target.target, clock.startedAt);
    const m = measureClock(clock, cal, total, at, this.measure);
    clock.atStop.copyFrom(m);
    clock.atStopValid = true;
    if (m.breached) clock.breaches++;
  }
}

const shared = new TimelineReplay();

/** The shared replay, or a fresh one when it is in use (a replay started while another runs). */
export function acquireReplay(): TimelineReplay {
  const replay = shared.busy ? new TimelineReplay() : shared;
  replay.busy = true;
  return replay;
}
