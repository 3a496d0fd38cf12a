import { describe, expect, it } from "vitest";
import { matchPattern } from "./router";

describe("matchPattern", () => {
  it("matches fixed paths exactly", () => {
    expect(matchPattern("/tickets", "/tickets")).toEqual({});
    expect(matchPattern("/tickets", "/tickets/")).toEqual({});
    expect(matchPattern("/tickets", "/ticketsx")).toBeNull();
    expect(matchPattern("/", "/")).toEqual({});
    expect(matchPattern("/", "/settings")).toBeNull();
  });
  it("names parameters and decodes them", () => {
    expect(matchPattern("/tickets/:id", "/tickets/t%201")).toEqual({ id: "t 1" });
    expect(matchPattern("/tickets/:id", "/tickets/a/b")).toBeNull();
  });
});
