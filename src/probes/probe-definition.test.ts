import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { parseProbeDefinition } from "./probe-definition.js";

const message = (raw: unknown) => {
  try {
    parseProbeDefinition(raw);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
};

describe("parseProbeDefinition", () => {
  it("applies defaults", () => {
    expect(parseProbeDefinition({ id: "a", url: "https://x.example" })).toMatchObject({
      kind: "http",
      interval_s: 60,
      jitter_s: 0,
      timeout_ms: 10_000,
      retries: 0,
      regions: [],
      enabled: true,
    });
  });

  it.each([
    ["missing url", { id: "a" }, /url/],
    ["unknown kind", { id: "a", url: "https://x.example", kind: "icmp" }, /kind/],
    ["interval too short", { id: "a", url: "https://x.example", interval_s: 1 }, /interval_s/],
    ["too many retries", { id: "a", url: "https://x.example", retries: 9 }, /retries/],
    [
      "jitter not below interval",
      { id: "a", url: "https://x.example", interval_s: 30, jitter_s: 30 },
      /jitter_s/,
    ],
    ["bad http method", { id: "a", url: "https://x.example", config: { method: "FETCH" } }, /config\.method/],
    [
      "bad expected status",
      { id: "a", url: "https://x.example", config: { expect: { status: [700] } } },
      /config\.expect\.status\.0/,
    ],
    ["not a url", { id: "a", url: "not a url" }, /url/],
    ["ws kind needs a ws url", { id: "a", kind: "ws", url: "https://x.example" }, /url/],
    [
      "tls minimum days negative",
      { id: "a", kind: "tls", url: "x.example:443", config: { min_days_left: -1 } },
      /config\.min_days_left/,
    ],
  ])("%s → input error naming the field", (_n, raw, field) => expect(message(raw)).toMatch(field));
});
