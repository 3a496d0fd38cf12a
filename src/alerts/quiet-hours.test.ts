import { describe, expect, it } from "vitest";
import type { AlertMessage } from "./alert-message.js";
import { deliveryTime, type QuietRule } from "./quiet-hours.js";

// Business hours 09:00–18:00 UTC every day, enough to test the rule without the clock module.
const calendar: QuietRule["calendar"] = {
  isOpen: (at) => at.getUTCHours() >= 9 && at.getUTCHours() < 18,
  nextOpen: (at) => {
    const d = new Date(at);
    if (d.getUTCHours() >= 18) d.setUTCDate(d.getUTCDate() + 1);
    d.setUTCHours(9, 0, 0, 0);
    return d;
  },
};
const msg = (severity: "page" | "ticket"): AlertMessage => ({
  key: "k",
  status: "firing",
  severity,
  title: "t",
  text: "x",
  fields: [],
  url: null,
  at: "2026-10-12T22:00:00Z",
  lang: "en",
});

describe("deliveryTime", () => {
  const night = new Date("2026-10-12T22:00:00Z");
  const quiet: QuietRule = { calendar, hold: ["ticket"] };
  it("a ticket at night waits for the next opening", () => {
    expect(deliveryTime(msg("ticket"), night, quiet).toISOString()).toBe("2026-10-13T09:00:00.000Z");
  });
  it("a page at night goes now", () => {
    expect(deliveryTime(msg("page"), night, quiet)).toBe(night);
  });
  it("a ticket during business hours goes now", () => {
    const day = new Date("2026-10-12T10:00:00Z");
    expect(deliveryTime(msg("ticket"), day, quiet)).toBe(day);
  });
  it("without a quiet rule everything goes now", () => {
    expect(deliveryTime(msg("ticket"), night, null)).toBe(night);
  });
});
