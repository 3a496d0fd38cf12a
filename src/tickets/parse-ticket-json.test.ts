import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { parseTicketJson } from "./parse-ticket-json.js";

describe("parseTicketJson", () => {
  it("reads tickets with explicit or implied created events", () => {
    const rows = parseTicketJson(
      JSON.stringify([
        {
          external_id: "A",
          subject: "x",
          events: [{ type: "created", at: "2026-03-02T09:00:00Z", severity: "P1" }],
        },
        {
          external_id: "B",
          created_at: "2026-03-02T10:00:00Z",
          severity: "P2",
          events: [{ type: "agent_reply", at: "2026-03-02T10:30:00Z" }],
        },
      ]),
    );
    expect(rows.map((r) => [r.external_id, r.declare?.severity, r.events.map((e) => e.type)])).toEqual([
      ["A", "P1", ["created"]],
      ["B", "P2", ["created", "agent_reply"]],
    ]);
  });

  const bad: [string, string, RegExp][] = [
    ["malformed json", '[{"external_id": "A",', /malformed json/],
    ["not an array", '{"a": 1}', /array/],
    ["missing external id", '[{"subject": "x"}]', /\[0\]\.external_id/],
    [
      "unknown event type",
      '[{"external_id":"A","created_at":"2026-03-02T09:00:00Z","severity":"P1","events":[{"type":"zap","at":"2026-03-02T10:00:00Z"}]}]',
      /\[0\]\.events\[0\]\.type/,
    ],
    [
      "out of order",
      '[{"external_id":"A","created_at":"2026-03-02T09:00:00Z","severity":"P1","events":[{"type":"agent_reply","at":"2026-03-02T08:00:00Z"}]}]',
      /\[0\]\.events\[0\]\.at/,
    ],
    [
      "duplicate ticket",
      '[{"external_id":"A","created_at":"2026-03-02T09:00:00Z","severity":"P1"},{"external_id":"A"}]',
      /\[1\]/,
    ],
    ["no created", '[{"external_id":"A"}]', /\[0\]\.created_at/],
  ];
  it.each(bad)("rejects %s naming the ticket and field", (_name, text, message) => {
    expect(() => parseTicketJson(text)).toThrow(InputError);
    expect(() => parseTicketJson(text)).toThrow(message);
  });
});
