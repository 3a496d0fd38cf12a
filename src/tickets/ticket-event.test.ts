import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import {
  checkEventSequence,
  parseIsoInstant,
  requireEventSequence,
  ticketSeverityOf,
  ticketStatusOf,
} from "./ticket-event.js";

const created = { type: "created", at: "2026-03-02T09:00:00+08:00", severity: "P1" };

describe("checkEventSequence", () => {
  const bad: [string, unknown[], number, string][] = [
    ["unknown type", [created, { type: "escalated", at: "2026-03-02T10:00:00+08:00" }], 1, "type"],
    ["out of order", [created, { type: "agent_reply", at: "2026-03-02T08:00:00+08:00" }], 1, "at"],
    ["first is not created", [{ type: "agent_reply", at: "2026-03-02T10:00:00Z" }], 0, "type"],
    ["created twice", [created, created], 1, "type"],
    ["created without severity", [{ type: "created", at: "2026-03-02T09:00:00Z" }], 0, "severity"],
    ["status without status", [created, { type: "status", at: "2026-03-02T10:00:00+08:00" }], 1, "status"],
    [
      "bad status value",
      [created, { type: "status", at: "2026-03-02T10:00:00+08:00", status: "zzz" }],
      1,
      "status",
    ],
    ["instant without offset", [{ ...created, at: "2026-03-02T09:00:00" }], 0, "at"],
    ["impossible date", [{ ...created, at: "2026-02-30T09:00:00Z" }], 0, "at"],
    ["reopened while open", [created, { type: "reopened", at: "2026-03-02T10:00:00+08:00" }], 1, "type"],
    [
      "event after closed",
      [
        created,
        { type: "closed", at: "2026-03-02T10:00:00+08:00" },
        { type: "agent_reply", at: "2026-03-02T11:00:00+08:00" },
      ],
      2,
      "type",
    ],
  ];
  it.each(bad)("rejects %s", (_name, events, index, field) => {
    const result = checkEventSequence(events);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ index, field });
  });

  it("accepts a full life cycle and normalises instants to UTC", () => {
    const result = checkEventSequence([
      created,
      { type: "agent_reply", at: "2026-03-02T09:10:00+08:00", author: "a@vendor.test" },
      { type: "status", at: "2026-03-02T09:20:00+08:00", status: "pending" },
      { type: "solved", at: "2026-03-02T10:00:00+08:00" },
      { type: "reopened", at: "2026-03-02T11:00:00+08:00" },
      { type: "severity_changed", at: "2026-03-02T11:00:00+08:00", severity: "P0" },
      { type: "closed", at: "2026-03-03T11:00:00+08:00" },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events[0].at).toBe("2026-03-02T01:00:00.000Z");
    expect(ticketStatusOf(result.events)).toBe("closed");
    expect(ticketSeverityOf(result.events)).toBe("P0");
  });

  it("checks appended events against stored ones", () => {
    const stored = requireEventSequence("t", [created]);
    expect(() =>
      requireEventSequence("body", [{ type: "agent_reply", at: "2026-03-01T00:00:00Z" }], stored, "event"),
    ).toThrow(InputError);
    expect(() => requireEventSequence("body", [created], stored)).toThrow(/events\[0\]\.type/);
    expect(
      requireEventSequence("body", [{ type: "agent_reply", at: "2026-03-02T02:00:00Z" }], stored),
    ).toHaveLength(1);
  });

  it("parses ISO instants strictly", () => {
    expect(parseIsoInstant("2026-03-02T09:00:00.123+0800")?.toISOString()).toBe("2026-03-02T01:00:00.123Z");
    expect(parseIsoInstant("yesterday")).toBeNull();
    expect(ticketStatusOf([])).toBe("open");
  });
});
