import { describe, expect, it } from "vitest";
import { TimeSlice } from "./time-slice.js";

describe("TimeSlice", () => {
  it("lets a timer due during a long loop run before the loop ends", async () => {
    const slice = new TimeSlice(2);
    let timerRanAt = -1;
    setTimeout(() => {
      timerRanAt = i;
    }, 1);
    let i = 0;
    const until = performance.now() + 30;
    for (; performance.now() < until; i++) {
      if (slice.due) await slice.giveWay();
    }
    expect(timerRanAt).toBeGreaterThan(0);
    expect(timerRanAt).toBeLessThan(i);
  });

  it("is not due right after it gave way", async () => {
    const slice = new TimeSlice(1_000);
    await slice.giveWay();
    expect(slice.due).toBe(false);
  });
});
