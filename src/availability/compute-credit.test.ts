import { describe, expect, it } from "vitest";
import type { Credits } from "../terms/index.js";
import { computeCredit } from "./compute-credit.js";
import { getVendorFormula } from "./vendor-formula.js";

const contract = (over: Partial<Credits> = {}): Credits => ({
  tiers: [
    { below_percent: 99.9, credit_percent: 10 },
    { below_percent: 99, credit_percent: 25 },
    { below_percent: 95, credit_percent: 100 },
  ],
  form: "voucher",
  cap_percent: null,
  claim_deadline_days: 60,
  vendor_records_prevail: true,
  evidence: [],
  ...over,
});

describe("computeCredit", () => {
  const cases: [
    string,
    number | null,
    Partial<Credits>,
    { credit: number; tier: number | null; cap?: boolean },
  ][] = [
    ["met target: nothing owed", 99.95, {}, { credit: 0, tier: null }],
    ["exactly at the threshold is not below it", 99.9, {}, { credit: 0, tier: null }],
    ["just below 99.9", 99.89, {}, { credit: 10, tier: 99.9 }],
    ["below 99 takes the more severe tier", 98.5, {}, { credit: 25, tier: 99 }],
    ["below 95 with a 50% cap", 90, { cap_percent: 50 }, { credit: 50, tier: 95, cap: true }],
    ["no data: nothing owed", null, {}, { credit: 0, tier: null }],
  ];
  for (const [name, measured, over, want] of cases) {
    it(name, () => {
      const r = computeCredit({ measured_percent: measured, credits: contract(over) });
      expect(r.credit_percent).toBe(want.credit);
      expect(r.tier?.below_percent ?? null).toBe(want.tier);
      expect(r.cap_applied).toBe(want.cap ?? false);
      expect(r.owed).toBe(want.credit > 0);
    });
  }

  it("a voucher credit is flagged as voucher-only, with vendor records prevailing", () => {
    const r = computeCredit({
      measured_percent: 99.5,
      credits: contract(),
      monthly_fee: { amount: 20000, currency: "CNY" },
    });
    expect(r.form).toBe("voucher");
    expect(r.flags).toEqual(expect.arrayContaining(["voucher_only", "vendor_records_prevail"]));
    expect(r.amount).toEqual({ amount: 2000, currency: "CNY" });
  });

  // Google Vertex AI SLA (paraphrased): 10% for 99.0–<99.9%, 25% for 95.0–<99.0%, 50% below 95.0%.
  it("falls back to the vendor's published tiers when the contract has none (Vertex 10/25/50)", () => {
    const vertex = getVendorFormula("google-vertex");
    const at = (m: number) => computeCredit({ measured_percent: m, credits: null, formula: vertex });
    expect([at(99.95), at(99.5), at(97), at(80)].map((r) => r.credit_percent)).toEqual([0, 10, 25, 50]);
    expect(at(97).basis).toBe("vendor_default");
  });

  // Amazon S3 SLA (paraphrased): 10% below 99.9%, 25% below 99.0%, 100% below 95.0%.
  it("AWS five-minute formula defaults pay 100% below 95%", () => {
    const aws = getVendorFormula("aws-five-minute");
    expect(computeCredit({ measured_percent: 94.9, credits: null, formula: aws }).credit_percent).toBe(100);
  });

  it("no tiers anywhere: flagged, nothing computed", () => {
    const r = computeCredit({ measured_percent: 90, credits: null });
    expect(r.basis).toBe("none");
    expect(r.flags).toContain("no_tiers");
    expect(r.owed).toBe(false);
  });
});
