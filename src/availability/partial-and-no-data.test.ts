import { describe, expect, it } from "vitest";
import { evidenceCsv, evidenceMinutes } from "./claim-evidence.js";
import { letterOffer } from "./claim-offer.js";
import { computeAvailability } from "./compute-availability.js";
import { computeCredit } from "./compute-credit.js";
import { fromSample, type Observation } from "./observation.js";
import { burst } from "./test-observations.js";

const UTC = "UTC";
const commitments = { availability: { target_percent: 99.9 } };
const tiers = {
  tiers: [{ below_percent: 99.9, credit_percent: 10 }],
  form: null,
  cap_percent: null,
  claim_deadline_days: null,
  vendor_records_prevail: null,
};

/** One probe run per minute from `iso` for `minutes`, all ok. */
const everyMinute = (iso: string, minutes: number): Observation[] =>
  Array.from(
    { length: minutes },
    (_, i) => burst(new Date(Date.parse(iso) + i * 60_000).toISOString(), 1, 0)[0],
  );

describe("a period in progress", () => {
  it("a new contract after one hour of data: elapsed minutes only, the rest no data, marked partial", () => {
    // December 2026, computed on Dec 5 at 16:00:40 UTC; probes started at 15:00.
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-12",
      timezone: UTC,
      observations: everyMinute("2026-12-05T15:00:10Z", 60),
      commitments,
      now: new Date("2026-12-05T16:00:40Z"),
    });
    const elapsed = 4 * 1440 + 16 * 60;
    expect(r.period).toMatchObject({ minutes: 44640, partial: true, elapsed_minutes: elapsed });
    expect(r.period.as_of).toBe("2026-12-05T16:00:40+00:00");
    expect(r.eligible_minutes).toBe(elapsed);
    expect(r.no_data_minutes).toBe(elapsed - 60);
    expect(r.flags).toEqual(expect.arrayContaining(["partial", "minutes_without_data"]));
  });

  it("downtime is divided by elapsed minutes, not by the whole month", () => {
    const observations = [
      ...everyMinute("2026-12-01T00:00:10Z", 100),
      ...burst("2026-12-01T01:40:00Z", 10, 10, { spreadSeconds: 600 }),
    ];
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-12",
      timezone: UTC,
      observations,
      commitments,
      now: new Date("2026-12-01T01:50:00Z"),
    });
    expect(r.period.elapsed_minutes).toBe(110);
    expect(r.down_minutes).toBe(10);
    expect(r.measured_percent).toBeCloseTo((1 - 10 / 110) * 100, 5);
    expect(r.no_data_minutes).toBe(0);
  });

  it("observations after `now` (a clock ahead) are not counted; a period not started has no figure", () => {
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-12",
      timezone: UTC,
      observations: burst("2026-12-03T00:00:00Z", 5, 5),
      now: new Date("2026-12-02T00:00:00Z"),
    });
    expect(r.down_minutes).toBe(0);
    const future = computeAvailability({
      formula: "generic-time",
      period: "2027-01",
      timezone: UTC,
      observations: [],
      now: new Date("2026-12-05T00:00:00Z"),
    });
    expect(future.measured_percent).toBeNull();
    expect(future.flags).toEqual(expect.arrayContaining(["partial", "not_started", "no_data"]));
  });

  it("an ended period is whole whatever `now` is", () => {
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-11",
      timezone: UTC,
      observations: everyMinute("2026-11-01T00:00:10Z", 10),
      now: new Date("2026-12-05T00:00:00Z"),
    });
    expect(r.period).toMatchObject({ partial: false, elapsed_minutes: 43200 });
    expect(r.no_data_minutes).toBe(43200 - 10);
  });
});

describe("minutes without data", () => {
  it("are counted in the formula's unit: a probe every 5 minutes covers TRTC's 5-minute slots", () => {
    const observations = Array.from(
      { length: 12 },
      (_, i) => burst(new Date(Date.parse("2026-11-10T10:02:00Z") + i * 300_000).toISOString(), 1, 0)[0],
    );
    const slots = computeAvailability({
      formula: "tencent-trtc",
      period: "2026-11",
      timezone: UTC,
      observations,
    });
    expect(slots.no_data_minutes).toBe(43200 - 60);
    const minutes = computeAvailability({
      formula: "generic-time",
      period: "2026-11",
      timezone: UTC,
      observations,
    });
    expect(minutes.no_data_minutes).toBe(43200 - 12);
  });
});

describe("samples that are not evidence", () => {
  const sample = (at: string, extra: Record<string, unknown> = {}) =>
    fromSample({ at, ok: false, status: null, region: "sg", ...extra });

  it("guard-refused, clock-skewed and own-resolver failures are no data, never down", () => {
    const observations = [
      ...everyMinute("2026-11-10T09:55:10Z", 5),
      ...Array.from({ length: 30 }, (_, i) =>
        sample(new Date(Date.parse("2026-11-10T10:00:20Z") + i * 60_000).toISOString(), {
          blocked: true,
          error: "blocked: private address",
        }),
      ),
      { ...sample("2026-11-10T10:30:20Z"), no_data: "agent_clock_skew" as const },
      sample("2026-11-10T10:31:20Z", { error: "dns: resolver unavailable (EAI_AGAIN)" }),
      ...everyMinute("2026-11-10T10:32:10Z", 5),
    ];
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-11",
      timezone: UTC,
      observations,
    });
    expect(r.down_minutes).toBe(0);
    expect(r.no_data_samples).toEqual({ guard_refused: 30, agent_clock_skew: 1, own_resolver: 1 });
    expect(r.no_data_minutes).toBe(43200 - 10);
  });

  it("the vendor's DNS answering 'no such host' is still the vendor's failure", () => {
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-11",
      timezone: UTC,
      observations: [sample("2026-11-10T10:00:20Z", { error: "dns: host not found" })],
    });
    expect(r.down_minutes).toBe(1);
    expect(r.no_data_samples.own_resolver).toBe(0);
  });
});

describe("letters only when owed", () => {
  const report = (observations: Observation[], now?: Date) =>
    computeAvailability({
      formula: "generic-time",
      period: "2026-11",
      timezone: UTC,
      observations,
      commitments,
      now,
    });
  const outage = [
    ...everyMinute("2026-11-10T09:00:10Z", 60),
    ...burst("2026-11-10T10:00:00Z", 60, 60, { spreadSeconds: 3600, region: "sg" }),
  ];

  it("a month with 60 down minutes owes a credit and offers the letter", () => {
    const r = report(outage);
    const credit = computeCredit({ measured_percent: r.measured_percent, credits: tiers });
    expect(letterOffer(r, credit)).toEqual({ offered: true, reason: null, message: null });
  });

  it.each([
    ["no_data", [] as Observation[], tiers, undefined],
    ["commitment_met", everyMinute("2026-11-10T09:00:10Z", 60), tiers, undefined],
    ["no_credit_terms", outage, null, undefined],
    ["period_in_progress", outage, tiers, new Date("2026-11-20T00:00:00Z")],
  ] as const)("no letter: %s", (reason, observations, credits, now) => {
    const r = report([...observations], now);
    const credit = computeCredit({ measured_percent: r.measured_percent, credits });
    const offer = letterOffer(r, credit);
    expect(offer.offered).toBe(false);
    expect(offer.reason).toBe(reason);
    expect(offer.message?.en.length).toBeGreaterThan(10);
    expect(offer.message?.zh.length).toBeGreaterThan(5);
  });

  it("a credit tier the figure does not reach: no credit owed", () => {
    const r = report(outage);
    const credit = computeCredit({
      measured_percent: r.measured_percent,
      credits: { ...tiers, tiers: [{ below_percent: 99, credit_percent: 10 }] },
    });
    expect(letterOffer(r, credit).reason).toBe("no_credit_owed");
  });

  it("the per-minute evidence of each outage run, as CSV", () => {
    const r = report(outage);
    expect(r.down_runs).toHaveLength(1);
    const rows = evidenceMinutes(r, outage);
    expect(rows).toHaveLength(60);
    expect(rows[0]).toMatchObject({
      run: 1,
      start: "2026-11-10T10:00:00+00:00",
      requests: 1,
      failures: 1,
      failure_statuses: "503×1",
      regions: ["sg"],
    });
    const csv = evidenceCsv(rows).split("\r\n");
    expect(csv[0]).toBe(
      "run,minute_start,minute_end,requests,failures,failure_statuses,regions,sources,no_data_samples",
    );
    expect(csv[1]).toBe("1,2026-11-10T10:00:00+00:00,2026-11-10T10:01:00+00:00,1,1,503×1,sg,probe,0");
  });
});
