import { describe, expect, it } from "vitest";
import type { Commitments } from "../../../terms/review-schema";
import { commitmentRows } from "./commitment-rows";

/**
 * A document that commits to nothing, as src/review's emptyCommitments. A copy: that module imports
 * src/terms, which the web's tsconfig (browser types, no Node) cannot type-check.
 */
function emptyCommitments(): Commitments {
  return {
    availability: null,
    credits: null,
    support: null,
    rca: null,
    maintenance: null,
    upgrades: null,
    data_exit: null,
    exclusions: [],
    scenario: {
      peak_capacity: null,
      emergency_scaling: null,
      escalation_channel: null,
      connect_time_ms: null,
      monitoring_alerts: null,
      proactive_alerts: null,
      av_sync: null,
      weak_network_tools: null,
      troubleshooting_guides: null,
      global_nodes: null,
      local_teams: null,
      timezone_coverage: null,
    },
    practice: { incident_cases: null, test_environment: null, service_review: null },
  };
}

const span = (start: number, end: number) => ({ start, end, line: 1, text: "x".repeat(end - start) });

describe("commitmentRows", () => {
  it("lists every field as not stated (null, no evidence) for a document that commits to nothing", () => {
    const rows = commitmentRows(emptyCommitments());
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.every((r) => r.value === null && r.evidence.length === 0)).toBe(true);
    expect(rows.map((r) => r.field)).toContain("availability.target");
    expect(rows.map((r) => r.field)).toContain("scenario.peak_capacity");
  });

  it("types each value and links it to the spans that state it", () => {
    const c = emptyCommitments();
    c.availability = {
      target_percent: 99.9,
      window: "month",
      formula: null,
      measured_by: null,
      evidence: [span(0, 10)],
    };
    c.support = {
      tiers: [
        {
          severity: "P1",
          plan: null,
          description: null,
          response_minutes: 15,
          resolution_minutes: null,
          resolution_business_days: 2,
          coverage: "24x7",
          evidence: [span(20, 30)],
        },
      ],
      channels: ["phone", "im"],
      dedicated_contact: false,
      evidence: [span(20, 60)],
    };
    c.credits = {
      tiers: [{ below_percent: 99.9, credit_percent: 10 }],
      form: "voucher",
      cap_percent: null,
      claim_deadline_days: 30,
      vendor_records_prevail: true,
      evidence: [span(70, 90)],
    };
    const rows = commitmentRows(c);
    const row = (field: string) => rows.filter((r) => r.field === field);
    expect(row("availability.target")[0]).toMatchObject({
      value: { kind: "percent", value: 99.9 },
      evidence: [{ start: 0 }],
    });
    expect(row("availability.window")[0].value).toEqual({ kind: "enum", list: "window", value: "month" });
    expect(row("availability.formula")[0]).toMatchObject({ value: null, evidence: [] });
    expect(row("support.tier")[0]).toMatchObject({
      name: "P1",
      value: {
        kind: "support",
        response: { kind: "minutes", value: 15 },
        resolution: { kind: "businessDays", value: 2 },
      },
      evidence: [{ start: 20 }],
    });
    expect(row("support.channels")[0].value).toEqual({
      kind: "enums",
      list: "channel",
      values: ["phone", "im"],
    });
    expect(row("support.dedicatedContact")[0].value).toEqual({ kind: "flag", value: false });
    // a credit tier without spans of its own points at the credits section
    expect(row("credits.tier")[0]).toMatchObject({
      value: { kind: "tier", below: 99.9, credit: 10 },
      evidence: [{ start: 70 }],
    });
    expect(row("credits.cap")[0].value).toBeNull();
    expect(row("credits.claimDays")[0].value).toEqual({ kind: "days", value: 30 });
  });

  it("one row per credit or support tier; exclusion categories once each", () => {
    const c = emptyCommitments();
    c.exclusions = [
      { category: "force_majeure", broad: false, evidence: [span(1, 2)] },
      { category: "force_majeure", broad: false, evidence: [span(5, 6)] },
      { category: "third_party", broad: true, evidence: [span(8, 9)] },
    ];
    const ex = commitmentRows(c).find((r) => r.field === "exclusions.categories");
    expect(ex?.value).toEqual({ kind: "enums", list: "exclusion", values: ["force_majeure", "third_party"] });
    expect(ex?.evidence).toHaveLength(3);
  });
});
