import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fromSample,
  type MaintenanceNotice,
  type Observation,
  parseRequestLog,
  prepareClaim,
  renderClaim,
} from "../src/availability/index.js";
import { compileCalendar, parseCalendar } from "../src/clock/index.js";
import { type Faults, parseAllowlist, runProbe } from "../src/probes/index.js";
import type { Commitments } from "../src/terms/index.js";
import { type FakeVendor, startFakeVendor } from "./fake-vendor/index.js";

/**
 * Enforce, end to end: a fake vendor with injected outages → real HTTP probes → a month of
 * availability by the vendor's own formula (TRTC: 5-minute slots, < 99% success is down) →
 * credit tier → claim letter listing exactly the down slots.
 *
 * Compressed timeline: each planned 5-minute slot of September 2026 is played for real against the
 * fake vendor (faults toggled for that slot, five probe runs), and each run is stamped with a
 * synthetic time one minute apart inside the slot (the probe's injectable clock).
 */
const SH = "Asia/Shanghai";
const PROBES_PER_SLOT = 5;

interface SlotPlan {
  at: string; // local start of the 5-minute slot, +08:00
  faults: Faults;
}
const up = (at: string): SlotPlan => ({ at, faults: {} });
const down = (at: string): SlotPlan => ({ at, faults: { errorRate: 1 } });

const plan: SlotPlan[] = [
  up("2026-09-01T09:00"),
  up("2026-09-03T10:00"),
  down("2026-09-03T10:05"),
  down("2026-09-03T10:10"),
  up("2026-09-03T10:15"),
  { at: "2026-09-09T21:30", faults: { errorRate: 0.5 } }, // partial failure: still below 99%
  { at: "2026-09-12T08:00", faults: { latencyMs: 40 } }, // slow but successful: up
  down("2026-09-15T02:00"), // inside maintenance announced 4 days ahead: excluded
  down("2026-09-15T02:05"),
  down("2026-09-20T03:00"), // inside maintenance announced 12 h ahead (72 h required): counted
  down("2026-09-20T03:05"),
  ...[0, 5, 10, 15, 20, 25].map((m) => down(`2026-09-25T14:${String(m).padStart(2, "0")}`)),
  up("2026-09-30T23:55"),
];

const maintenance: MaintenanceNotice[] = [
  {
    title: "planned upgrade",
    start: "2026-09-15T02:00:00+08:00",
    end: "2026-09-15T02:30:00+08:00",
    announced_at: "2026-09-11T02:00:00+08:00",
  },
  {
    title: "emergency patch",
    start: "2026-09-20T03:00:00+08:00",
    end: "2026-09-20T03:10:00+08:00",
    announced_at: "2026-09-19T15:00:00+08:00",
  },
];

/** The customer's own request log covers a slot the probes did not: 30 of 1,000 room entries failed. */
function customerLog(): string {
  const lines = ["timestamp,status,latency_ms"];
  const t0 = Date.parse("2026-09-25T14:30:00+08:00");
  for (let i = 0; i < 1000; i++) {
    lines.push(
      `${new Date(t0 + i * 250).toISOString()},${i % 33 === 0 && i < 990 ? 503 : 200},${80 + (i % 7)}`,
    );
  }
  lines.push("garbage line without fields");
  return lines.join("\n");
}

const span = (text: string) => ({ start: 0, end: text.length, line: 1, text });
const commitments: Pick<Commitments, "availability" | "credits" | "maintenance"> = {
  availability: {
    target_percent: 99.95,
    window: "month",
    formula: "slots",
    evidence: [span("实时音视频服务月度可用性不低于99.95%。")],
  },
  credits: {
    tiers: [
      { below_percent: 99.95, credit_percent: 10 },
      { below_percent: 99.9, credit_percent: 25 },
      { below_percent: 99, credit_percent: 50 },
    ],
    form: "voucher",
    cap_percent: 20,
    claim_deadline_days: null,
    vendor_records_prevail: true,
    evidence: [span("赔偿以代金券形式发放,单月赔偿总额不超过当月服务费的20%,以腾讯云记录为准。")],
  },
  maintenance: { notice_hours: 72, window: null, excluded_from_availability: true, evidence: [] },
};

const cnCalendar = compileCalendar(
  parseCalendar(
    {
      timezone: SH,
      region: "CN",
      hours: {
        mon: ["09:00-18:00"],
        tue: ["09:00-18:00"],
        wed: ["09:00-18:00"],
        thu: ["09:00-18:00"],
        fri: ["09:00-18:00"],
      },
    },
    "cn-business.yaml",
  ),
);

let vendor: FakeVendor;
const observations: Observation[] = [];

beforeAll(async () => {
  vendor = await startFakeVendor();
  const allow = parseAllowlist(["127.0.0.1"]);
  const probe = { id: "trtc-room-entry", kind: "http", url: `${vendor.url}/health`, timeout_ms: 3000 };
  for (const slot of plan) {
    vendor.setFaults(slot.faults);
    const slotStart = Date.parse(`${slot.at}:00+08:00`);
    for (let i = 0; i < PROBES_PER_SLOT; i++) {
      const at = new Date(slotStart + i * 60_000 + 7_000);
      const sample = await runProbe({
        ctx: { region: "cn-shanghai", allow, now: () => at },
        input: { probe },
      });
      observations.push(fromSample(sample));
    }
  }
  vendor.setFaults({});
  const log = parseRequestLog(customerLog(), { name: "room-entries.csv" });
  expect(log.broken_count).toBe(1);
  observations.push(...log.observations);
}, 60_000);

afterAll(async () => {
  await vendor?.close();
});

describe("enforce end to end", () => {
  it("the probes really hit the fake vendor and saw its injected failures", () => {
    const probeObs = observations.filter((o) => o.source === "probe");
    expect(probeObs).toHaveLength(plan.length * PROBES_PER_SLOT);
    expect(vendor.stats().faults.errors).toBe(probeObs.filter((o) => !o.ok).length);
    expect(probeObs.filter((o) => !o.ok).every((o) => o.status === 503)).toBe(true);
  });

  it("computes September by the TRTC formula, applies the capped tier and writes the claim letter", () => {
    const claim = prepareClaim({
      contract: { name: "腾讯云实时音视频服务协议", vendor: "腾讯云" },
      commitments,
      formula: "tencent-trtc",
      period: "2026-09",
      timezone: SH,
      observations,
      maintenance,
      calendar: cnCalendar,
    });
    const expectedDown = [
      "2026-09-03T10:05",
      "2026-09-03T10:10",
      "2026-09-09T21:30",
      "2026-09-20T03:00",
      "2026-09-20T03:05",
      "2026-09-25T14:00",
      "2026-09-25T14:05",
      "2026-09-25T14:10",
      "2026-09-25T14:15",
      "2026-09-25T14:20",
      "2026-09-25T14:25",
      "2026-09-25T14:30",
    ].map((s) => `${s}:00+08:00`);
    const { report, credit, window } = claim;
    expect(report.down_slots.map((s) => s.start)).toEqual(expectedDown);
    expect(report.down_slots.at(-1)).toMatchObject({ sources: ["logs"], requests: 1000, failures: 30 });
    expect(report.down_slots[0]).toMatchObject({
      sources: ["probe"],
      regions: ["cn-shanghai"],
      requests: 5,
      failures: 5,
    });
    expect(report.excluded_minutes).toBe(30);
    expect(report.flags).toEqual(
      expect.arrayContaining(["late_maintenance_notice", "vendor_records_prevail"]),
    );
    expect(report.measured_percent).toBeCloseTo((1 - 60 / (43200 - 30)) * 100, 5);
    expect(report.met).toBe(false);

    // 99.861% is below 99.9 → the 25% tier, capped at 20% by the contract, paid as a voucher.
    expect(credit).toMatchObject({
      owed: true,
      uncapped_percent: 25,
      credit_percent: 20,
      cap_applied: true,
      form: "voucher",
    });
    // Claim window: from the 5th business day of October (after National Day and its make-up Saturday), 60 days.
    expect(window).toMatchObject({ opens: "2026-10-13", deadline: "2026-12-11" });

    const md = renderClaim(claim, { lang: "zh", format: "md" });
    // The letter lists outage runs (consecutive 5-minute slots joined), not one row per slot.
    const runStarts = expectedDown.filter(
      (at, i) => i === 0 || Date.parse(at) - Date.parse(expectedDown[i - 1] as string) !== 5 * 60_000,
    );
    const rows = md.split("\n").filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((r) => r.split(" | ")[1])).toEqual(runStarts);
    expect(md).not.toContain("2026-09-15T02:00:00+08:00 | "); // excluded maintenance is not claimed
    expect(md).toContain("emergency patch");
    expect(md).toContain("> 赔偿以代金券形式发放,单月赔偿总额不超过当月服务费的20%,以腾讯云记录为准。");
    expect(md).toContain("2026-10-13");
    const html = renderClaim(claim, { lang: "en", format: "html" });
    expect(html.match(/<tr>/g)).toHaveLength(runStarts.length + 1);
    expect(html).toContain("Capped at 20% by the contract");
  });
});
