import { describe, expect, it } from "vitest";
import { computeAvailability } from "./compute-availability.js";
import { datePeriod } from "./period.js";
import { burst } from "./test-observations.js";

const SH = "Asia/Shanghai";

describe("tencent-trtc (5-minute slots, room-entry success < 99%, runs ≥ 5 min)", () => {
  // Clause followed (paraphrased): each 5-minute slot whose room-entry success rate is below 99% is
  // unavailable; unavailability of 5 minutes or more counts; availability = 1 − unavailable minutes / month minutes.
  it("a slot at 98.9% success is down, one at exactly 99.0% is not", () => {
    const observations = [
      ...burst("2026-10-12T10:00:00+08:00", 1000, 11, { spreadSeconds: 290 }), // 98.9% → down
      ...burst("2026-10-12T11:00:00+08:00", 1000, 10, { spreadSeconds: 290 }), // 99.0% → up
    ];
    const r = computeAvailability({ formula: "tencent-trtc", period: "2026-10", timezone: SH, observations });
    expect(r.period.minutes).toBe(31 * 1440);
    expect(r.down_slots.map((s) => s.start)).toEqual(["2026-10-12T10:00:00+08:00"]);
    expect(r.down_slots[0]).toMatchObject({
      requests: 1000,
      failures: 11,
      minutes: 5,
      success_percent: 98.9,
    });
    expect(r.down_minutes).toBe(5);
    expect(r.measured_percent).toBeCloseTo((1 - 5 / 44640) * 100, 6);
    expect(r.flags).toContain("vendor_records_prevail");
  });

  it("consecutive down slots merge into one outage run", () => {
    const observations = [
      ...burst("2026-10-12T10:00:00+08:00", 100, 50, { spreadSeconds: 290 }),
      ...burst("2026-10-12T10:05:00+08:00", 100, 100, { spreadSeconds: 290 }),
      ...burst("2026-10-12T10:10:00+08:00", 100, 0, { spreadSeconds: 290 }),
    ];
    const r = computeAvailability({ formula: "tencent-trtc", period: "2026-10", timezone: SH, observations });
    expect(r.down_runs).toEqual([
      {
        start: "2026-10-12T10:00:00+08:00",
        end: "2026-10-12T10:10:00+08:00",
        minutes: 10,
        slots: 2,
        requests: 200,
        failures: 150,
        sources: ["probe"],
        regions: [],
      },
    ]);
  });
});

describe("volcengine-rtc (sum of 5-minute failure rates / number of 5-minute intervals; < 250 requests ignored)", () => {
  // Clause followed (paraphrased, 火山引擎 SLA §1.5/§2.1): availability = (1 − Σ 5-minute failure
  // rates / number of 5-minute intervals in the month) × 100%; an interval with fewer than 250 valid
  // requests has its failure rate left out.
  it("one interval at 10% failure in November (8,640 intervals)", () => {
    const observations = [
      ...burst("2026-11-03T09:00:00+08:00", 1000, 100, { spreadSeconds: 290 }),
      ...burst("2026-11-03T09:05:00+08:00", 300, 0, { spreadSeconds: 290 }),
    ];
    const r = computeAvailability({
      formula: "volcengine-rtc",
      period: "2026-11",
      timezone: SH,
      observations,
    });
    expect(r.measured_percent).toBeCloseTo((1 - 0.1 / 8640) * 100, 6);
    expect(r.down_slots).toHaveLength(1);
  });

  it("an interval where every request failed but there were only 249 is not counted", () => {
    const observations = [
      ...burst("2026-11-03T09:00:00+08:00", 249, 249, { spreadSeconds: 290 }),
      ...burst("2026-11-03T09:05:00+08:00", 300, 0, { spreadSeconds: 290 }),
    ];
    const r = computeAvailability({
      formula: "volcengine-rtc",
      period: "2026-11",
      timezone: SH,
      observations,
    });
    expect(r.measured_percent).toBe(100);
    expect(r.down_slots).toEqual([]);
    expect(r.slots_below_min_requests).toBe(1);
    expect(r.flags).toContain("slots_below_min_requests");
  });
});

describe("azure-ai-services (successful / all transactions over the month)", () => {
  // Clause followed (paraphrased): Monthly Uptime % = (Total Transaction Attempts − Failed
  // Transactions) / Total Transaction Attempts × 100.
  it("20 failed of 10,000 attempts → 99.8%", () => {
    const observations = [
      ...burst("2026-10-01T00:00:00Z", 5000, 0, { spreadSeconds: 3600 }),
      ...burst("2026-10-20T08:00:00Z", 5000, 20, { spreadSeconds: 3600 }),
    ];
    const r = computeAvailability({
      formula: "azure-ai-services",
      period: "2026-10",
      timezone: "UTC",
      observations,
      target_percent: 99.9,
    });
    expect(r.measured_percent).toBeCloseTo(99.8, 9);
    expect(r.met).toBe(false);
    // Evidence: the 5-minute intervals whose error rate is above the 0.1% budget.
    expect(r.down_slots.length).toBeGreaterThan(0);
    expect(r.down_slots.every((s) => s.failures > 0)).toBe(true);
  });
});

describe("aws-five-minute (100% − average of 5-minute Error Rates)", () => {
  // Clause followed (paraphrased, Amazon S3 SLA): Error Rate = internal errors / requests in each
  // five-minute period; Monthly Uptime % = 100% − the average Error Rate over the billing cycle.
  it("one five-minute period fully failed in a 30-day month", () => {
    const observations = [
      ...burst("2026-09-10T12:00:00Z", 60, 60, { spreadSeconds: 290 }),
      ...burst("2026-09-10T12:05:00Z", 60, 0, { spreadSeconds: 290 }),
    ];
    const r = computeAvailability({
      formula: "aws-five-minute",
      period: "2026-09",
      timezone: "UTC",
      observations,
    });
    expect(r.measured_percent).toBeCloseTo(100 - 100 / 8640, 6);
  });
});

describe("google-vertex (minutes with > 5% error rate; Downtime Periods of ≥ 1 minute)", () => {
  // Clause followed (paraphrased): Downtime = more than a 5% Error Rate in a minute; Monthly Uptime %
  // = (minutes in month − Downtime minutes) / minutes in month.
  it("6% errors is a downtime minute, exactly 5% is not", () => {
    const observations = [...burst("2026-09-10T12:00:00Z", 100, 6), ...burst("2026-09-10T12:01:00Z", 100, 5)];
    const r = computeAvailability({
      formula: "google-vertex",
      period: "2026-09",
      timezone: "UTC",
      observations,
    });
    expect(r.down_minutes).toBe(1);
    expect(r.measured_percent).toBeCloseTo((1 - 1 / 43200) * 100, 6);
  });

  it("50 downtime minutes in September → 99.884%", () => {
    const observations = Array.from({ length: 50 }, (_, i) =>
      burst(new Date(Date.parse("2026-09-15T03:00:00Z") + i * 60_000).toISOString(), 20, 20),
    ).flat();
    const r = computeAvailability({
      formula: "google-vertex",
      period: "2026-09",
      timezone: "UTC",
      observations,
    });
    expect(r.down_minutes).toBe(50);
    expect(r.measured_percent).toBeCloseTo(((43200 - 50) / 43200) * 100, 6);
    expect(r.down_runs).toHaveLength(1);
  });
});

describe("edge cases", () => {
  it("a DST month has its real length (New York, March 2026: 44,580 minutes)", () => {
    const observations = Array.from({ length: 60 }, (_, i) =>
      burst(new Date(Date.parse("2026-03-08T12:00:00Z") + i * 60_000).toISOString(), 1, 1),
    ).flat();
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-03",
      timezone: "America/New_York",
      observations,
    });
    expect(r.period.minutes).toBe(31 * 1440 - 60);
    expect(r.period.start).toBe("2026-03-01T00:00:00-05:00");
    expect(r.period.end).toBe("2026-04-01T00:00:00-04:00");
    expect(r.measured_percent).toBeCloseTo((1 - 60 / 44580) * 100, 6);
  });

  it("the month DST ends has an extra hour (New York, November 2026: 43,260 minutes)", () => {
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-11",
      timezone: "America/New_York",
      observations: burst("2026-11-10T12:00:00Z", 1, 0),
    });
    expect(r.period.minutes).toBe(30 * 1440 + 60);
    expect(r.measured_percent).toBe(100);
  });

  it("an empty month has no measured figure and says so", () => {
    const r = computeAvailability({
      formula: "tencent-trtc",
      period: "2026-10",
      timezone: SH,
      observations: [],
    });
    expect(r.measured_percent).toBeNull();
    expect(r.met).toBeNull();
    expect(r.flags).toContain("no_data");
  });

  it("observations outside the month are not counted", () => {
    const r = computeAvailability({
      formula: "tencent-trtc",
      period: "2026-10",
      timezone: SH,
      observations: burst("2026-09-30T23:55:00+08:00", 10, 10, { spreadSeconds: 290 }),
    });
    expect(r.measured_percent).toBeNull();
  });

  it("a slot below the minimum requests is never judged (slot formula with min 250)", () => {
    const formula = {
      id: "slots-min",
      vendor: "x",
      product: "y",
      kind: "slots" as const,
      params: { slot_minutes: 5, down_success_below_percent: 99, min_requests: 250, min_run_minutes: 5 },
      window: "month" as const,
      credits: null,
      claim: null,
      vendor_records_prevail: null,
      clause: { en: "", zh: "" },
      source: { title: "", url: null, note: null },
    };
    const r = computeAvailability({
      formula,
      period: "2026-10",
      timezone: SH,
      observations: burst("2026-10-05T10:00:00+08:00", 100, 100, { spreadSeconds: 290 }),
    });
    expect(r.down_slots).toEqual([]);
    expect(r.measured_percent).toBe(100);
    expect(r.slots_below_min_requests).toBe(1);
  });

  it("a down run shorter than the minimum run length is ignored", () => {
    const formula = {
      id: "slots-run",
      vendor: "x",
      product: "y",
      kind: "slots" as const,
      params: { slot_minutes: 5, down_success_below_percent: 99, min_requests: 1, min_run_minutes: 10 },
      window: "month" as const,
      credits: null,
      claim: null,
      vendor_records_prevail: null,
      clause: { en: "", zh: "" },
      source: { title: "", url: null, note: null },
    };
    const r = computeAvailability({
      formula,
      period: "2026-10",
      timezone: SH,
      observations: burst("2026-10-05T10:00:00+08:00", 10, 10, { spreadSeconds: 290 }),
    });
    expect(r.down_slots).toEqual([]);
    expect(r.ignored_short_runs).toBe(1);
    expect(r.flags).toContain("short_runs_ignored");
  });

  it("maintenance announced with enough notice is excluded; a late notice is flagged and counted", () => {
    const observations = [
      // 30 minutes down inside a window announced 96 h ahead (excluded)
      ...Array.from({ length: 30 }, (_, i) =>
        burst(new Date(Date.parse("2026-10-20T02:00:00+08:00") + i * 60_000).toISOString(), 1, 1),
      ).flat(),
      // 20 minutes down inside a window announced 24 h ahead (late: counted)
      ...Array.from({ length: 20 }, (_, i) =>
        burst(new Date(Date.parse("2026-10-25T02:00:00+08:00") + i * 60_000).toISOString(), 1, 1),
      ).flat(),
    ];
    const r = computeAvailability({
      formula: "generic-time",
      period: "2026-10",
      timezone: SH,
      observations,
      commitments: { maintenance: { notice_hours: 72 } },
      maintenance: [
        {
          title: "db upgrade",
          start: "2026-10-20T02:00:00+08:00",
          end: "2026-10-20T04:00:00+08:00",
          announced_at: "2026-10-16T02:00:00+08:00",
        },
        {
          title: "hotfix",
          start: "2026-10-25T02:00:00+08:00",
          end: "2026-10-25T03:00:00+08:00",
          announced_at: "2026-10-24T02:00:00+08:00",
        },
      ],
    });
    expect(r.excluded_minutes).toBe(120);
    expect(r.down_minutes).toBe(20);
    expect(r.measured_percent).toBeCloseTo((1 - 20 / (44640 - 120)) * 100, 6);
    expect(r.maintenance.map((m) => [m.title, m.excluded, m.late])).toEqual([
      ["db upgrade", true, false],
      ["hotfix", false, true],
    ]);
    expect(r.flags).toContain("late_maintenance_notice");
  });

  // Tencent Cloud SLAs (paraphrased): a "service month" runs from the purchase day, e.g. 17 March to 16 April.
  it("computes a per-terms window (a service month from the purchase day)", () => {
    const period = datePeriod("service month 1", "2026-03-17", "2026-04-17", SH);
    const r = computeAvailability({
      formula: "tencent-trtc",
      period,
      timezone: SH,
      observations: [
        ...burst("2026-03-16T23:55:00+08:00", 10, 10, { spreadSeconds: 290 }), // before the window
        ...burst("2026-04-16T23:55:00+08:00", 10, 10, { spreadSeconds: 290 }), // last slot of the window
      ],
    });
    expect(r.period.minutes).toBe(31 * 1440);
    expect(r.down_slots.map((s) => s.start)).toEqual(["2026-04-16T23:55:00+08:00"]);
  });

  it("breaks the figure down by probe region (Singapore fails, Frankfurt fine)", () => {
    const observations = [
      ...burst("2026-10-12T10:00:00+08:00", 5, 5, { spreadSeconds: 290, region: "sg" }),
      ...burst("2026-10-12T10:00:00+08:00", 5, 0, { spreadSeconds: 290, region: "fra" }),
    ].sort((a, b) => a.t - b.t);
    const r = computeAvailability({ formula: "tencent-trtc", period: "2026-10", timezone: SH, observations });
    expect(r.down_slots).toHaveLength(1); // 50% success overall is below 99%
    expect(r.by_region).toEqual([
      { region: "fra", measured_percent: 100, down_minutes: 0, requests: 5, failures: 0 },
      {
        region: "sg",
        measured_percent: expect.closeTo((1 - 5 / 44640) * 100, 6),
        down_minutes: 5,
        requests: 5,
        failures: 5,
      },
    ]);
  });

  it("rejects a malformed period", () => {
    expect(() =>
      computeAvailability({ formula: "generic-time", period: "2026-13", timezone: SH, observations: [] }),
    ).toThrow(expect.objectContaining({ code: "INPUT" }));
  });
});
