import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser.js";

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const feed = (parts: string[]) => {
  let tokens = 0;
  const p = new SseParser(() => tokens++);
  for (const part of parts) p.push(new TextEncoder().encode(part));
  return { ...p.end(), seen: tokens };
};

describe("SseParser", () => {
  const scenarios: { name: string; parts: string[]; want: Partial<ReturnType<typeof feed>> }[] = [
    {
      name: "a complete stream",
      parts: [chunk("a"), chunk("b"), "data: [DONE]\n\n"],
      want: { tokens: 2, done: true, malformed: 0, seen: 2 },
    },
    {
      name: "events split across chunks",
      parts: ["da", 'ta: {"choices":[{"delta":{"con', 'tent":"x"}}]}\n', "\ndata: [DO", "NE]\n\n"],
      want: { tokens: 1, done: true },
    },
    {
      name: "CRLF line endings",
      parts: [chunk("a").replaceAll("\n", "\r\n"), "data: [DONE]\r\n\r\n"],
      want: { tokens: 1, done: true },
    },
    {
      name: "CR split from LF across chunks",
      parts: ['data: {"choices":[{"delta":{"content":"a"}}]}\r', "\n\r\n"],
      want: { tokens: 1, events: 1 },
    },
    {
      name: "malformed json data",
      parts: ["data: {oops\n\n", chunk("a")],
      want: { malformed: 1, tokens: 1, done: false },
    },
    { name: "unknown field line", parts: ["garbage line\n\n"], want: { malformed: 1 } },
    {
      name: "comments and role-only deltas are not tokens",
      parts: [": keepalive\n\n", 'data: {"choices":[{"delta":{"role":"assistant"}}]}\n\n'],
      want: { tokens: 0, events: 1 },
    },
    {
      name: "error event",
      parts: ['event: error\ndata: {"error":{"message":"overloaded"}}\n\n'],
      want: { streamErrors: 1, firstError: "overloaded" },
    },
    { name: "trailing event without blank line", parts: [chunk("a").trimEnd()], want: { tokens: 1 } },
    {
      name: "legacy completions text",
      parts: ['data: {"choices":[{"text":"hi"}]}\n\n'],
      want: { tokens: 1 },
    },
  ];
  for (const s of scenarios) it(s.name, () => expect(feed(s.parts)).toMatchObject(s.want));
});
