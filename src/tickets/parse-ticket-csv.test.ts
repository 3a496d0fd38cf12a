import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { parseTicketCsv } from "./parse-ticket-csv.js";

const HEADER = "external_id,created_at,severity,subject,event_type,event_at,event_status";

describe("parseTicketCsv", () => {
  it("reads one row per ticket and event rows after it", () => {
    const rows = parseTicketCsv(
      [
        HEADER,
        "T-1,2026-03-02T09:00:00+08:00,P1,Login down,,,",
        'T-2,2026-03-02T09:05:00+08:00,P2,"Slow, sometimes",agent_reply,2026-03-02T09:06:00+08:00,',
        "T-1,,,,agent_reply,2026-03-02T09:10:00+08:00,",
        "T-1,,,,status,2026-03-02T09:20:00+08:00,pending",
      ].join("\n"),
    );
    expect(
      rows.map((r) => [r.line, r.external_id, r.declare?.severity ?? null, r.events.map((e) => e.type)]),
    ).toEqual([
      [2, "T-1", "P1", ["created"]],
      [3, "T-2", "P2", ["created", "agent_reply"]],
      [4, "T-1", null, ["agent_reply"]],
      [5, "T-1", null, ["status"]],
    ]);
    expect(rows[1].declare?.subject).toBe("Slow, sometimes");
    expect(rows[0].events[0].source_key).toBe("created@2026-03-02T01:00:00.000Z");
    expect(rows[3].events[0].status).toBe("pending");
  });

  const bad: [string, string, number, RegExp][] = [
    [
      "unknown event type",
      `${HEADER}\nT-1,2026-03-02T09:00:00Z,P1,s,,,\nT-1,,,,escalate,2026-03-02T10:00:00Z,`,
      3,
      /event_type/,
    ],
    [
      "event out of order",
      `${HEADER}\nT-1,2026-03-02T09:00:00Z,P1,s,,,\nT-1,,,,agent_reply,2026-03-02T08:00:00Z,`,
      3,
      /event_at/,
    ],
    ["bad created_at", `${HEADER}\nT-1,2026-13-02T09:00:00Z,P1,s,,,`, 2, /created_at/],
    ["missing severity", `${HEADER}\nT-1,2026-03-02T09:00:00Z,,s,,,`, 2, /severity/],
    ["event before ticket", `${HEADER}\nT-1,,,,agent_reply,2026-03-02T08:00:00Z,`, 2, /external_id/],
    [
      "declared twice",
      `${HEADER}\nT-1,2026-03-02T09:00:00Z,P1,s,,,\nT-1,2026-03-02T09:00:00Z,P1,s,,,`,
      3,
      /already declared/,
    ],
    ["empty external id", `${HEADER}\n,2026-03-02T09:00:00Z,P1,s,,,`, 2, /external_id/],
    ["unclosed quote", `${HEADER}\nT-1,2026-03-02T09:00:00Z,P1,"oops,,,`, 2, /quote/],
    ["wrong column count", `${HEADER}\nT-1,2026-03-02T09:00:00Z,P1`, 2, /column|record/],
    ["unknown column", "external_id,when\nT-1,x", 1, /unknown column "when"/],
  ];
  it.each(bad)("rejects %s with the line", (_name, text, line, message) => {
    try {
      parseTicketCsv(text, "t.csv");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).line).toBe(line);
      expect((err as InputError).reason).toMatch(message);
    }
  });

  it("rejects an empty file", () => {
    expect(() => parseTicketCsv(`${HEADER}\n`)).toThrow(InputError);
  });
});

describe("parseTicketCsv limits", () => {
  it("refuses a subject over 1000 characters and a severity over 32, naming the line", () => {
    const row = (subject: string, severity: string) =>
      `${HEADER}\nT-1,2026-03-03T10:00:00+08:00,${severity},${subject},,,\n`;
    expect(() => parseTicketCsv(row("s".repeat(1001), "P1"), "t.csv")).toThrow(/t\.csv:2: subject/);
    expect(() => parseTicketCsv(row("ok", "P".repeat(33)), "t.csv")).toThrow(/t\.csv:2: severity/);
  });
});
