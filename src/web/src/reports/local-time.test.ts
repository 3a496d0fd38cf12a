import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./local-time";

describe("datetime-local values", () => {
  it("round-trip an instant through the user's zone to the minute", () => {
    const iso = "2026-10-03T07:45:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });
  it("are empty or null for nothing and for garbage", () => {
    expect(toLocalInput(null)).toBe("");
    expect(toLocalInput("not a date")).toBe("");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("2026-99-99T99:99")).toBeNull();
  });
});
