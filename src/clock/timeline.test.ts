import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { parseInstant } from "./instant.js";
import { loadPolicy } from "./sla-policy.js";
import { parseTicketEvents, type TicketEvent } from "./ticket-event.js";
import { replayTimeline } from "./timeline.js";

const POLICY = `
name: support
calendars:
  business:
    timezone: Asia/Shanghai
    hours:
      mon: ["09:00-18:00"]
      tue: ["09:00-18:00"]
      wed: ["09:00-18:00"]
      thu: ["09:00-18:00"]
      fri: ["09:00-18:00"]
severities:
  P1:
    first_response: { minutes: 60, calendar: 24x7 }
    next_response: { minutes: 120, calendar: business }
    resolution: { minutes: 480, calendar: business }
  P2:
    first_response: { minutes: 240, calendar: business }
    next_response: { minutes: 480, calendar: business }
    resolution: { business_days: 3, calendar: business }
`;
const policy = loadPolicy(POLICY, "policy.yaml");
// Monday 2026-03-02 in Shanghai
const t = (day: number, hhmm: string) => `2026-03-0${day + 1}T${hhmm}:00+08:00`;
const ev = (type: TicketEvent["type"], at: string, extra: Partial<TicketEvent> = {}): TicketEvent => ({
  type,
  at,
  ...extra,
});
const replay = (events: TicketEvent[], now: string) =>
  replayTimeline({ policy, events, now: parseInstant(now, "now") });

describe("first response", () => {
  it("runs with due and 50/75% warnings on business hours", () => {
    const tl = replay([ev("created", t(1, "10:00"), { severity: "P2" })], t(1, "11:00"));
    expect(tl.metrics.first_response).toMatchObject({
      state: "running",
      elapsed_minutes: 60,
      target_minutes: 240,
      due: t(1, "14:00"),
      warnings: { at_50: t(1, "12:00"), at_75: t(1, "13:00"), at_100: t(1, "14:00") },
    });
  });
  it("is met by the first agent reply", () => {
    const tl = replay(
      [ev("created", t(1, "10:00"), { severity: "P2" }), ev("agent_reply", t(1, "11:00"))],
      t(1, "16:00"),
    );
    expect(tl.metrics.first_response).toMatchObject({ state: "met", elapsed_minutes: 60, breached_at: null });
  });
  it("is breached by a late reply, with the breach instant", () => {
    const tl = replay(
      [ev("created", t(1, "10:00"), { severity: "P2" }), ev("agent_reply", t(1, "15:00"))],
      t(1, "16:00"),
    );
    expect(tl.metrics.first_response).toMatchObject({ state: "breached", breached_at: t(1, "14:00") });
  });
  it("a reply exactly at the due instant meets it", () => {
    const tl = replay(
      [ev("created", t(1, "10:00"), { severity: "P2" }), ev("agent_reply", t(1, "14:00"))],
      t(1, "16:00"),
    );
    expect(tl.metrics.first_response?.state).toBe("met");
  });
});

describe("severity change re-targets from the original start", () => {
  const events = [
    ev("created", t(1, "10:00"), { severity: "P2" }),
    ev("severity_changed", t(1, "10:30"), { severity: "P1" }),
  ];
  it("the P1 target counts from creation", () => {
    const tl = replay(events, t(1, "10:45"));
    expect(tl.severity).toBe("P1");
    expect(tl.metrics.first_response).toMatchObject({
      state: "running",
      target_minutes: 60,
      calendar: "24x7",
    });
    expect(tl.metrics.first_response?.due).toBe("2026-03-02T03:00:00+00:00");
  });
  it("and breaches an hour after creation", () => {
    expect(replay(events, t(1, "11:30")).metrics.first_response?.state).toBe("breached");
  });
  it("a metric already met keeps the target it was met under", () => {
    const tl = replay(
      [
        ev("created", t(1, "10:00"), { severity: "P2" }),
        ev("agent_reply", t(1, "12:00")),
        ev("severity_changed", t(1, "12:30"), { severity: "P1" }),
      ],
      t(1, "13:00"),
    );
    expect(tl.metrics.first_response).toMatchObject({ state: "met", target_minutes: 240 });
  });
});

describe("resolution: pauses, solve and reopen", () => {
  it("pending stops the clock; open resumes it", () => {
    const events = [
      ev("created", t(1, "10:00"), { severity: "P1" }),
      ev("status", t(1, "12:00"), { status: "pending" }),
      ev("status", t(2, "10:00"), { status: "open" }),
    ];
    expect(replay(events, t(2, "12:00")).metrics.resolution).toMatchObject({
      state: "running",
      elapsed_minutes: 240,
      due: t(2, "16:00"), // 480 - 120 before the pause = 360 from Tue 10:00
    });
    expect(replay(events.slice(0, 2), t(2, "10:00")).metrics.resolution).toMatchObject({
      state: "paused",
      elapsed_minutes: 120,
      due: null,
    });
  });
  it("on_hold pauses too; a customer reply sets the ticket back to open", () => {
    const tl = replay(
      [
        ev("created", t(1, "10:00"), { severity: "P1" }),
        ev("status", t(1, "11:00"), { status: "on_hold" }),
        ev("customer_reply", t(1, "15:00")),
      ],
      t(1, "16:00"),
    );
    expect(tl.state).toBe("open");
    expect(tl.metrics.resolution?.elapsed_minutes).toBe(120);
  });
  it("reopen resumes resolution where it stopped; first response stays met", () => {
    const tl = replay(
      [
        ev("created", t(1, "10:00"), { severity: "P1" }),
        ev("agent_reply", t(1, "10:10")),
        ev("solved", t(1, "11:00")),
        ev("reopened", t(2, "09:00")),
      ],
      t(2, "10:00"),
    );
    expect(tl.metrics.first_response?.state).toBe("met");
    expect(tl.metrics.resolution).toMatchObject({ state: "running", elapsed_minutes: 120 });
  });
  it("business-day targets become minutes on the calendar: 3 business days from Mon 10:00 → Thu 18:00", () => {
    const tl = replay([ev("created", t(1, "10:00"), { severity: "P2" })], t(1, "10:00"));
    expect(tl.metrics.resolution).toMatchObject({
      target_business_days: 3,
      target_minutes: 2100,
      due: t(4, "18:00"),
    });
  });
});

describe("next response", () => {
  const base = [
    ev("created", t(1, "10:00"), { severity: "P1" }),
    ev("agent_reply", t(1, "10:10")),
    ev("customer_reply", t(1, "11:00")),
  ];
  it("starts at a customer reply after the first response", () => {
    expect(replay(base, t(1, "11:30")).metrics.next_response).toMatchObject({
      state: "running",
      due: t(1, "13:00"),
    });
  });
  it("restarts after each customer reply and counts breached cycles", () => {
    const tl = replay(
      [...base, ev("agent_reply", t(1, "12:00")), ev("customer_reply", t(1, "14:00"))],
      t(1, "17:00"),
    );
    expect(tl.metrics.next_response).toMatchObject({
      state: "breached",
      breached_at: t(1, "16:00"),
      breaches: 1,
    });
  });
  it("is null until a customer replies", () => {
    expect(replay(base.slice(0, 2), t(1, "11:30")).metrics.next_response).toBeNull();
  });
});

describe("bad events", () => {
  const cases: [string, unknown[], RegExp][] = [
    [
      "out of order",
      [
        { type: "created", at: t(1, "10:00"), severity: "P1" },
        { type: "agent_reply", at: t(1, "09:00") },
      ],
      /events\[1\]\.at/,
    ],
    [
      "unknown severity",
      [{ type: "created", at: t(1, "10:00"), severity: "P9" }],
      /events\[0\]\.severity "P9"/,
    ],
    ["first event not created", [{ type: "agent_reply", at: t(1, "10:00") }], /events\[0\]\.type/],
    [
      "reopen without solve",
      [
        { type: "created", at: t(1, "10:00"), severity: "P1" },
        { type: "reopened", at: t(1, "11:00") },
      ],
      /events\[1\]\.type/,
    ],
    ["bad instant", [{ type: "created", at: "2026-02-30T10:00:00Z", severity: "P1" }], /events\[0\]\.at/],
    [
      "after close",
      [
        { type: "created", at: t(1, "10:00"), severity: "P1" },
        { type: "closed", at: t(1, "11:00") },
        { type: "agent_reply", at: t(1, "12:00") },
      ],
      /events\[2\]/,
    ],
  ];
  it.each(cases)("%s → InputError naming the event and field", (_name, events, pattern) => {
    expect(() => replay(events as TicketEvent[], t(5, "10:00"))).toThrow(InputError);
    expect(() => replay(events as TicketEvent[], t(5, "10:00"))).toThrow(pattern);
  });
  it("unknown event types are caught when parsing", () => {
    expect(() =>
      parseTicketEvents(
        [
          { type: "created", at: t(1, "10:00") },
          { type: "escalated", at: t(1, "11:00") },
        ],
        "e.json",
      ),
    ).toThrow(/events\[1\]\.type "escalated": unknown event type/);
  });
});

describe("policy validation", () => {
  const cases: [string, string, number][] = [
    ["unknown calendar", "severities:\n  P1:\n    first_response: { minutes: 5, calendar: nope }\n", 3],
    [
      "minutes and business_days",
      "severities:\n  P1:\n    resolution: { minutes: 5, business_days: 1 }\n",
      3,
    ],
    ["unknown metric", "severities:\n  P1:\n    reply: { minutes: 5 }\n", 3],
    [
      "bad calendar inside",
      'calendars:\n  b:\n    timezone: UTC\n    hours:\n      mon: ["09:00-25:00"]\nseverities:\n  P1: {}\n',
      5,
    ],
  ];
  it.each(cases)("%s → InputError with line", (_name, source, line) => {
    try {
      loadPolicy(source, "p.yaml");
      expect.unreachable("expected an InputError");
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).line).toBe(line);
    }
  });
});
