import { describe, expect, it } from "vitest";
import { stepAlert } from "./alert-state.js";
import { evaluateBurnRate, type Outcome } from "./burn-rate.js";
import { buildBurnRateMessage } from "./burn-rate-message.js";

const NOW = Date.parse("2026-10-12T12:00:00Z");
const MIN = 60_000;

/** One request every 10 s from `fromMin` to `toMin` minutes before NOW; `failEvery`: 1 in N fails (0 = none). */
function traffic(fromMin: number, toMin: number, failEvery: number): Outcome[] {
  const out: Outcome[] = [];
  let i = 0;
  for (let t = NOW - fromMin * MIN; t < NOW - toMin * MIN; t += 10_000, i++) {
    out.push({ t, ok: failEvery === 0 || i % failEvery !== 0 });
  }
  return out;
}

// SRE Workbook, "Alerting on SLOs" (paraphrased): page when the budget burns 14.4× over 1 h and
// over 5 min, or 6× over 6 h and over 30 min; ticket at 1× over 3 days and 6 h.
describe("evaluateBurnRate (target 99.9%, budget 0.1%)", () => {
  const cases: [string, Outcome[], string | null][] = [
    [
      "2% errors for the last hour → fast burn (20×) pages",
      [...traffic(360, 60, 0), ...traffic(60, 0, 50)],
      "fast",
    ],
    [
      "bad hour but the last 5 minutes are clean → pages stop, only the 3-day drift ticket remains",
      [...traffic(360, 60, 0), ...traffic(60, 5, 50), ...traffic(5, 0, 0)],
      "drift",
    ],
    ["0.7% errors for 6 hours → slow burn (7×) pages, fast does not", traffic(360, 0, 143), "slow"],
    ["0.15% errors for 3 days → drift ticket", traffic(4320, 0, 667), "drift"],
    ["no failures → nothing", traffic(360, 0, 0), null],
    ["no traffic → nothing", [], null],
  ];
  for (const [name, observations, want] of cases) {
    it(name, () => {
      const ev = evaluateBurnRate({ observations, target_percent: 99.9, now: new Date(NOW) });
      expect(ev.firing?.rule.name ?? null).toBe(want);
    });
  }

  it("reports the burn of each window", () => {
    const ev = evaluateBurnRate({
      observations: traffic(60, 0, 50),
      target_percent: 99.9,
      now: new Date(NOW),
    });
    const fast = ev.rules.find((r) => r.rule.name === "fast");
    expect(fast?.long.requests).toBe(360);
    expect(fast?.long.failures).toBe(8);
    expect(fast?.long.burn).toBeCloseTo(22.2, 1);
  });

  it("rejects a target of 100% (no budget)", () => {
    expect(() => evaluateBurnRate({ observations: [], target_percent: 100, now: new Date(NOW) })).toThrow(
      expect.objectContaining({ code: "INPUT" }),
    );
  });
});

describe("stepAlert: deduplication and recovery", () => {
  const bad = [...traffic(360, 60, 0), ...traffic(60, 0, 50)];
  const at = (minutesLater: number, obs: Outcome[]) =>
    evaluateBurnRate({ observations: obs, target_percent: 99.9, now: new Date(NOW + minutesLater * MIN) });

  it("notifies once, stays quiet while firing, renotifies after the interval, then sends one recovery", () => {
    const key = "burn:c1";
    let s = stepAlert(null, at(0, bad), { key, renotify_minutes: 60 });
    expect(s.notify).toBe("firing");
    s = stepAlert(s.state, at(0, bad), { key, renotify_minutes: 60 });
    expect(s.notify).toBeNull();
    const stillBad = [...bad, ...traffic(0, -61, 50)]; // keeps failing for another hour
    s = stepAlert(s.state, at(61, stillBad), { key, renotify_minutes: 60 });
    expect(s.notify).toBe("firing");
    const firingState = s.state;
    s = stepAlert(s.state, at(400, []), { key, renotify_minutes: 60 });
    expect(s.notify).toBe("resolved");
    const msg = buildBurnRateMessage({
      key,
      contract: "Acme RTC",
      evaluation: at(400, []),
      status: "resolved",
      previous: firingState,
      lang: "en",
    });
    expect(msg.title).toBe("Acme RTC: recovered");
    expect(msg.text).toContain("400 min");
    s = stepAlert(s.state, at(401, []), { key });
    expect(s.notify).toBeNull();
  });

  it("a ticket that escalates to a page notifies again", () => {
    const drift = traffic(4320, 0, 667);
    let s = stepAlert(
      null,
      evaluateBurnRate({ observations: drift, target_percent: 99.9, now: new Date(NOW) }),
      { key: "k" },
    );
    expect(s.state.severity).toBe("ticket");
    s = stepAlert(
      s.state,
      at(
        0,
        [...drift, ...traffic(60, 0, 10)].sort((a, b) => a.t - b.t),
      ),
      { key: "k" },
    );
    expect(s.notify).toBe("firing");
    expect(s.state.severity).toBe("page");
  });
});

describe("buildBurnRateMessage", () => {
  it("words a firing alert in Chinese with the windows' figures", () => {
    const ev = evaluateBurnRate({
      observations: traffic(60, 0, 50),
      target_percent: 99.9,
      now: new Date(NOW),
    });
    const m = buildBurnRateMessage({
      key: "burn:c1",
      contract: "声网 RTC",
      evaluation: ev,
      status: "firing",
      lang: "zh",
    });
    expect(m.title).toBe("声网 RTC:可用性错误预算快速消耗");
    expect(m.severity).toBe("page");
    expect(m.fields[1][0]).toBe("长窗口 (1 h)");
    expect(m.fields[1][1]).toMatch(/^2\.\d\d% · 8\/360 · 2\d\.\d×$/);
  });
});
