import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import type { MetricState, MetricStateRaw } from "./metric-state.js";
import { loadPolicy } from "./sla-policy.js";
import type { TicketEvent } from "./ticket-event.js";
import { formatTimeline, replayTimeline, replayTimelineRaw } from "./timeline.js";

const policy = loadPolicy(
  `calendars:
  ny:
    name: New York desk
    timezone: America/New_York
    hours: { mon: ["09:00-12:00", "13:00-17:30"], tue: ["22:00-06:00"], wed: ["00:00-24:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
  cn:
    timezone: Asia/Shanghai
    region: CN
    hours: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] }
severities:
  P0:
    first_response: { minutes: 15, calendar: 24x7 }
    next_response: { minutes: 30, calendar: 24x7 }
    resolution: { minutes: 240, calendar: ny }
  P1:
    first_response: { minutes: 60, calendar: ny }
    next_response: { minutes: 120, calendar: cn }
    resolution: { business_days: 2, calendar: ny }
  P2:
    first_response: { minutes: 240, calendar: cn }
    resolution: { business_days: 3, calendar: cn }
`,
  "policy.yaml",
);
const MIN = 60_000;
const START = Date.UTC(2025, 2, 3, 13, 0); // spans the New York DST change of Mar 9

type Kind =
  | "agent_reply"
  | "customer_reply"
  | "pending"
  | "on_hold"
  | "open"
  | "severity"
  | "solved"
  | "reopened";
const stepArb = fc.record({
  kind: fc.constantFrom<Kind>(
    "agent_reply",
    "customer_reply",
    "pending",
    "on_hold",
    "open",
    "severity",
    "solved",
    "reopened",
  ),
  gap: fc.integer({ min: 0, max: 6000 }),
  severity: fc.constantFrom("P0", "P1", "P2"),
  seconds: fc.integer({ min: 0, max: 59 }),
});
type Step = { kind: Kind; gap: number; severity: string; seconds: number };

/** A valid event list (events that would be refused in the current state are skipped). */
function buildEvents(severity: string, steps: Step[]) {
  const events: TicketEvent[] = [{ type: "created", at: new Date(START).toISOString(), severity }];
  let t = START;
  let solved = false;
  for (const s of steps) {
    t += s.gap * MIN + (s.kind === "agent_reply" ? s.seconds * 1000 : 0);
    const at = new Date(t).toISOString();
    if (s.kind === "reopened" && !solved) continue;
    if ((s.kind === "pending" || s.kind === "on_hold" || s.kind === "open" || s.kind === "solved") && solved)
      continue;
    if (s.kind === "pending" || s.kind === "on_hold" || s.kind === "open")
      events.push({ type: "status", at, status: s.kind });
    else if (s.kind === "severity") events.push({ type: "severity_changed", at, severity: s.severity });
    else events.push({ type: s.kind, at });
    if (s.kind === "solved") solved = true;
    if (s.kind === "reopened" || s.kind === "customer_reply") solved = false;
  }
  return { events, last: t };
}

/** Each ISO field of the formatted state read back to epoch ms (the raw state's contents). */
function instantsOf(m: MetricState): (number | null)[] {
  const read = (s: string | null) => (s === null ? null : Date.parse(s));
  return [read(m.started_at), read(m.due), read(m.breached_at), ...Object.values(m.warnings).map(read)];
}
function rawInstantsOf(m: MetricStateRaw): (number | null)[] {
  return [m.started_at, m.due, m.breached_at, m.warnings.at_50, m.warnings.at_75, m.warnings.at_100];
}

describe("replayTimelineRaw", () => {
  it("agrees with replayTimeline on random tickets: same instants, and formatTimeline gives the same object", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("P0", "P1", "P2"),
        fc.array(stepArb, { maxLength: 10 }),
        fc.integer({ min: 0, max: 20_000 }),
        (severity, steps, tail) => {
          const { events, last } = buildEvents(severity, steps);
          const now = new Date(last + tail * MIN);
          const formatted = replayTimeline({ policy, events, now });
          const raw = replayTimelineRaw({ policy, events, now });
          expect(formatTimeline(raw, policy)).toEqual(formatted);
          expect(raw.severity).toBe(formatted.severity);
          expect(raw.state).toBe(formatted.state);
          for (const metric of ["first_response", "next_response", "resolution"] as const) {
            const f = formatted.metrics[metric];
            const r = raw.metrics[metric];
            expect(r === null).toBe(f === null);
            if (!f || !r) continue;
            expect(rawInstantsOf(r)).toEqual(instantsOf(f));
            const { started_at, due, breached_at, warnings, calendar_id, ...plain } = r;
            expect(f).toMatchObject(plain);
            expect(policy.calendars.get(calendar_id)?.name).toBe(f.calendar);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reports the calendar's key beside its display name", () => {
    const raw = replayTimelineRaw({
      policy,
      events: [{ type: "created", at: "2025-03-03T14:00:00Z", severity: "P1" }],
      now: new Date("2025-03-03T15:00:00Z"),
    });
    expect(raw.metrics.first_response).toMatchObject({ calendar: "New York desk", calendar_id: "ny" });
  });

  it("a refused replay leaves nothing behind for the next one", () => {
    const events: TicketEvent[] = [
      { type: "created", at: "2025-03-03T14:00:00Z", severity: "P0" },
      { type: "customer_reply", at: "2025-03-03T14:05:00Z" },
    ];
    const now = new Date("2025-03-03T16:00:00Z");
    const before = replayTimelineRaw({ policy, events, now });
    const bad = [...events, { type: "reopened", at: "2025-03-03T15:00:00Z" } as TicketEvent];
    expect(() => replayTimelineRaw({ policy, events: bad, now })).toThrow(InputError);
    expect(() => replayTimeline({ policy, events: bad, now })).toThrow(InputError);
    expect(replayTimelineRaw({ policy, events, now })).toEqual(before);
  });

  it("refuses an event that is not an object or whose instant is not a string", () => {
    const now = new Date("2025-03-04T00:00:00Z");
    const created = { type: "created", at: "2025-03-03T14:00:00Z", severity: "P0" } as TicketEvent;
    expect(() => replayTimelineRaw({ policy, events: [created, null as never], now })).toThrow(/events\[1\]/);
    expect(() => replayTimelineRaw({ policy, events: [{ ...created, at: 5 as never }], now })).toThrow(
      /events\[0\]\.at/,
    );
  });
});
