import { describe, expect, it } from "vitest";
import { checkMaintenanceNotice } from "./notice-check.js";
import { checkRca } from "./rca-check.js";
import { summarizeSla } from "./sla-summary.js";

const now = new Date("2026-03-10T00:00:00Z");

describe("checkRca", () => {
  const cases: [string, Parameters<typeof checkRca>[0], string, number][] = [
    [
      "no commitment",
      { deadlineHours: null, resolvedAt: "2026-03-01T00:00:00Z", receivedAt: null, now },
      "not_committed",
      0,
    ],
    [
      "on time",
      { deadlineHours: 72, resolvedAt: "2026-03-01T00:00:00Z", receivedAt: "2026-03-03T00:00:00Z", now },
      "on_time",
      0,
    ],
    [
      "late",
      { deadlineHours: 72, resolvedAt: "2026-03-01T00:00:00Z", receivedAt: "2026-03-04T06:00:00Z", now },
      "late",
      6,
    ],
    [
      "missing",
      { deadlineHours: 72, resolvedAt: "2026-03-01T00:00:00Z", receivedAt: null, now },
      "missing",
      144,
    ],
    [
      "pending",
      { deadlineHours: 72, resolvedAt: "2026-03-09T00:00:00Z", receivedAt: null, now },
      "pending",
      0,
    ],
    ["unresolved", { deadlineHours: 72, resolvedAt: null, receivedAt: null, now }, "pending", 0],
  ];
  it.each(cases)("%s", (_name, input, verdict, hoursLate) => {
    const r = checkRca(input);
    expect(r.verdict).toBe(verdict);
    expect(r.hours_late).toBe(hoursLate);
  });
});

describe("checkMaintenanceNotice", () => {
  it.each([
    ["enough notice", 72, "2026-03-01T00:00:00Z", false],
    ["too little notice", 72, "2026-03-03T12:00:00Z", true],
    ["nothing committed", null, "2026-03-03T12:00:00Z", null],
  ] as const)("%s", (_n, committed, noticeAt, late) => {
    const r = checkMaintenanceNotice({
      noticeAt,
      windowStart: "2026-03-04T00:00:00Z",
      committedHours: committed,
    });
    expect(r.late).toBe(late);
  });
});

describe("summarizeSla", () => {
  const metric = (
    state: "running" | "paused" | "met" | "breached",
    due: string | null,
    at75: string | null = null,
  ) => ({
    state,
    due,
    breached_at: state === "breached" ? "2026-03-09T00:00:00Z" : null,
    warnings: { at_50: null, at_75: at75, at_100: null },
  });
  it.each([
    [
      "breached wins",
      { first_response: metric("breached", null), resolution: metric("running", "2026-03-11T00:00:00Z") },
      "breached",
    ],
    [
      "at risk past 75%",
      { first_response: metric("running", "2026-03-10T01:00:00Z", "2026-03-09T23:00:00Z") },
      "at_risk",
    ],
    [
      "running before 75%",
      { first_response: metric("running", "2026-03-11T00:00:00Z", "2026-03-10T20:00:00Z") },
      "running",
    ],
    ["paused", { resolution: metric("paused", null) }, "paused"],
    ["met", { first_response: metric("met", null), resolution: null }, "met"],
    ["no metrics", {}, "none"],
  ] as const)("%s", (_n, metrics, state) => {
    expect(summarizeSla({ metrics }, now).state).toBe(state);
  });
  it("reports the earliest running deadline", () => {
    const s = summarizeSla(
      {
        metrics: {
          a: metric("running", "2026-03-12T00:00:00Z"),
          b: metric("running", "2026-03-11T00:00:00Z"),
        },
      },
      now,
    );
    expect(s.due).toBe("2026-03-11T00:00:00Z");
  });
});
