import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "./sla-policy.js";
import type { TicketEvent } from "./ticket-event.js";
import { replayTimeline } from "./timeline.js";

const policy = loadPolicy(
  `calendars:
  business:
    timezone: Europe/London
    hours: { mon: ["09:00-12:30", "13:30-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-17:00"] }
severities:
  P1:
    first_response: { minutes: 30, calendar: 24x7 }
    resolution: { minutes: 600, calendar: business }
`,
  "policy.yaml",
);
const business = policy.calendars.get("business");
const MIN = 60_000;
const START = Date.UTC(2025, 2, 24, 8, 0); // spans the London DST change of Mar 30

type Step = "pending" | "on_hold" | "open" | "customer_reply" | "agent_reply" | "solved" | "reopened";
const stepArb = fc.record({
  kind: fc.constantFrom<Step>(
    "pending",
    "on_hold",
    "open",
    "customer_reply",
    "agent_reply",
    "solved",
    "reopened",
  ),
  gap: fc.integer({ min: 0, max: 2000 }),
});

describe("timeline against a minute-by-minute replay", () => {
  it("resolution elapsed = open minutes while the ticket is being worked; first response = minutes to first reply", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 8 }), fc.integer({ min: 0, max: 3000 }), (steps, tail) => {
        const events: TicketEvent[] = [
          { type: "created", at: new Date(START).toISOString(), severity: "P1" },
        ];
        // oracle state changes: [instant, working?]
        const working: [number, boolean][] = [[START, true]];
        let firstReply = Number.NaN;
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
          if (kind === "pending" || kind === "on_hold" || kind === "open") {
            events.push({ type: "status", at, status: kind });
            status = kind;
          } else events.push({ type: kind, at });
          if ((kind === "agent_reply" || kind === "solved") && Number.isNaN(firstReply)) firstReply = t;
          if (kind === "customer_reply" || kind === "reopened") status = "open";
          if (kind === "solved") status = "solved";
          working.push([t, status === "open"]);
        }
        const now = t + tail * MIN;
        const tl = replayTimeline({ policy, events, now: new Date(now) });
        let expected = 0;
        for (let m = START, k = 0; m < now; m += MIN) {
          while (k + 1 < working.length && working[k + 1][0] <= m) k++;
          if (working[k][1] && business?.isOpen(new Date(m))) expected++;
        }
        expect(tl.metrics.resolution?.elapsed_minutes).toBe(expected);
        const frEnd = Number.isNaN(firstReply) ? now : firstReply;
        expect(tl.metrics.first_response?.elapsed_minutes).toBe((frEnd - START) / MIN);
      }),
      { numRuns: 100 },
    );
  });
});
