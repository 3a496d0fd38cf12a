import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../clock/index.js";
import { slaFromSnapshot, slaFromSnapshotWithBounds, snapshotAtLastEvent } from "./sla-snapshot.js";
import type { TicketEventRecord } from "./ticket-event.js";
import { computeTicketSla, type ResolvedPolicy } from "./ticket-sla.js";

// Three metrics on different calendars (24x7, business hours across the London DST change, CN
// official holidays), so due, 75% and breach instants fall in and out of working time.
const policy = loadPolicy(
  `calendars:
  business:
    timezone: Europe/London
    hours: { mon: ["09:00-12:30", "13:30-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-17:00"] }
  cn:
    timezone: Asia/Shanghai
    region: CN
    hours: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] }
severities:
  P1:
    first_response: { minutes: 30, calendar: 24x7 }
    next_response: { minutes: 120, calendar: business }
    resolution: { minutes: 600, calendar: business }
  P2:
    first_response: { minutes: 240, calendar: cn }
    resolution: { business_days: 2, calendar: cn }
`,
  "policy.yaml",
);
const resolved: ResolvedPolicy = { policy, source: "ticket", contract_id: null };
const MIN = 60_000;
const START = Date.UTC(2025, 2, 27, 8, 0); // London DST change on Mar 30; CN Qingming in April

type Step =
  | "pending"
  | "on_hold"
  | "open"
  | "customer_reply"
  | "agent_reply"
  | "solved"
  | "reopened"
  | "severity";
const stepArb = fc.record({
  kind: fc.constantFrom<Step>(
    "pending",
    "on_hold",
    "open",
    "customer_reply",
    "agent_reply",
    "solved",
    "reopened",
    "severity",
  ),
  gap: fc.integer({ min: 0, max: 3000 }),
});

/** A valid event list (the replay's life-cycle rules) from random steps. */
function eventsOf(severity: "P1" | "P2", steps: { kind: Step; gap: number }[]): TicketEventRecord[] {
  const ev = (e: Partial<TicketEventRecord> & Pick<TicketEventRecord, "type" | "at">): TicketEventRecord => ({
    severity: null,
    status: null,
    author: null,
    body: null,
    source_key: null,
    ...e,
  });
  const events = [ev({ type: "created", at: new Date(START).toISOString(), severity })];
  let status = "open";
  let t = START;
  for (const { kind, gap } of steps) {
    t += gap * MIN;
    const at = new Date(t).toISOString();
    if (kind === "reopened" && status !== "solved") continue;
    if (
      (kind === "pending" || kind === "on_hold" || kind === "open" || kind === "solved") &&
      status === "solved"
    )
      continue;
    if (kind === "severity") {
      events.push(ev({ type: "severity_changed", at, severity: t % 2 ? "P1" : "P2" }));
      continue;
    }
    if (kind === "pending" || kind === "on_hold" || kind === "open") {
      events.push(ev({ type: "status", at, status: kind }));
      status = kind;
      continue;
    }
    events.push(ev({ type: kind, at }));
    if (kind === "customer_reply" || kind === "reopened") status = "open";
    if (kind === "solved") status = "solved";
  }
  return events;
}

describe("stored SLA snapshot", () => {
  it("gives the same list summary at any later instant as a full replay at that instant", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"P1" | "P2">("P1", "P2"),
        fc.array(stepArb, { maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 4 }),
        (severity, steps, tails) => {
          const events = eventsOf(severity, steps);
          const last = Date.parse(events[events.length - 1].at);
          // JSON round trip: what is read back from the jsonb column.
          const stored = JSON.parse(JSON.stringify(snapshotAtLastEvent(resolved, events)));
          for (const tail of [0, ...tails]) {
            const now = new Date(last + tail * MIN);
            const replayed = computeTicketSla(resolved, events, now);
            const fromSnapshot = slaFromSnapshot(stored, now);
            expect(fromSnapshot.sla).toEqual(replayed.sla);
            expect(fromSnapshot.policy_source).toBe(replayed.policy_source);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is exact at the boundaries: at the due instant a metric is at risk, a millisecond later breached", () => {
    const events = eventsOf("P1", []);
    const stored = snapshotAtLastEvent(resolved, events);
    const due = Date.parse(stored.metrics?.first_response?.due ?? "");
    expect(due).toBe(START + 30 * MIN);
    for (const at of [due - 1, due, due + 1]) {
      const now = new Date(at);
      expect(slaFromSnapshot(stored, now).sla).toEqual(computeTicketSla(resolved, events, now).sla);
    }
    expect(slaFromSnapshot(stored, new Date(due)).sla?.state).toBe("at_risk");
    expect(slaFromSnapshot(stored, new Date(due + 1)).sla?.state).toBe("breached");
  });

  it("reports a span over which the summary holds: the same answer anywhere inside it, another just outside", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"P1" | "P2">("P1", "P2"),
        fc.array(stepArb, { maxLength: 7 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (severity, steps, tail, fractions) => {
          const events = eventsOf(severity, steps);
          const stored = JSON.parse(JSON.stringify(snapshotAtLastEvent(resolved, events)));
          const now = new Date(Date.parse(events[events.length - 1].at) + tail * MIN);
          const { sla, from, until } = slaFromSnapshotWithBounds(stored, now);
          expect(sla).toEqual(slaFromSnapshot(stored, now));
          expect(from <= now.getTime() && now.getTime() < until).toBe(true);
          const lo = Math.max(from, now.getTime() - 60 * 24 * 60 * MIN);
          const hi = Math.min(until, now.getTime() + 60 * 24 * 60 * MIN);
          for (const f of fractions) {
            const at = Math.min(hi - 1, Math.floor(lo + f * (hi - lo)));
            expect(slaFromSnapshot(stored, new Date(at)).sla).toEqual(sla.sla);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("ends the span where the answer changes (due: at risk until due, breached from due + 1 ms)", () => {
    const events = eventsOf("P1", []);
    const stored = snapshotAtLastEvent(resolved, events);
    const due = START + 30 * MIN;
    const atDue = slaFromSnapshotWithBounds(stored, new Date(due));
    expect(atDue.sla.sla?.state).toBe("at_risk");
    expect(atDue.until).toBe(due + 1);
    const after = slaFromSnapshotWithBounds(stored, new Date(due + 1));
    expect(after.sla.sla?.state).toBe("breached");
    expect(after.from).toBe(due + 1);
    const before = slaFromSnapshotWithBounds(stored, new Date(START));
    expect(before.sla.sla?.state).toBe("running");
    expect(before.until).toBe(Date.parse(stored.metrics?.first_response?.at_75 ?? ""));
  });

  it("keeps a policy error and the absence of a policy", () => {
    const events = eventsOf("P1", []);
    const broken = snapshotAtLastEvent("calendar x: unknown time zone", events);
    expect(slaFromSnapshot(broken, new Date(START))).toMatchObject({
      policy_error: "calendar x: unknown time zone",
      sla: null,
    });
    expect(slaFromSnapshot(snapshotAtLastEvent(null, events), new Date(START))).toMatchObject({
      policy_source: null,
      policy_error: null,
      sla: null,
    });
  });
});
