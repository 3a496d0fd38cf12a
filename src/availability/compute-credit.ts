import type { CreditTerms } from "./commitment-types.js";
import type { VendorFormula } from "./vendor-formula.js";

export interface CreditInput {
  measured_percent: number | null;
  /** The contract's credit terms; the vendor formula's published defaults fill in when null. */
  credits: CreditTerms | null;
  formula?: Pick<VendorFormula, "credits" | "vendor_records_prevail"> | null;
  /** The fee of the period for the service, to turn the percentage into an amount. */
  monthly_fee?: { amount: number; currency: string } | null;
}

export interface CreditOutcome {
  owed: boolean;
  /** The tier that applies (the most severe one the measured figure falls under). */
  tier: { below_percent: number; credit_percent: number } | null;
  /** Credit after the cap. */
  credit_percent: number;
  uncapped_percent: number;
  cap_percent: number | null;
  cap_applied: boolean;
  form: CreditTerms["form"];
  amount: { amount: number; currency: string } | null;
  vendor_records_prevail: boolean | null;
  /** Where the tiers came from. */
  basis: "contract" | "vendor_default" | "none";
  /** `no_data`, `no_tiers`, `voucher_only`, `vendor_records_prevail`, `cap_applied`. */
  flags: string[];
}

/**
 * Applies the credit tiers: a tier `{ below_percent: 99.9, credit_percent: 10 }` applies when the
 * measured figure is strictly below 99.9; of several, the lowest threshold wins (the most severe).
 * The cap limits the percentage; the form says what is paid (a voucher is not money).
 */
export function computeCredit(input: CreditInput): CreditOutcome {
  const fromContract = input.credits && input.credits.tiers.length > 0 ? input.credits : null;
  const fallback = input.formula?.credits ?? null;
  const terms = fromContract ?? fallback;
  const basis = fromContract ? "contract" : fallback ? "vendor_default" : "none";
  const cap = fromContract
    ? fromContract.cap_percent
    : (fallback?.cap_percent ?? input.credits?.cap_percent ?? null);
  const form = input.credits?.form ?? fallback?.form ?? null;
  const prevail = input.credits?.vendor_records_prevail ?? input.formula?.vendor_records_prevail ?? null;
  const flags: string[] = [];
  if (input.measured_percent == null) flags.push("no_data");
  if (!terms) flags.push("no_tiers");
  if (form === "voucher") flags.push("voucher_only");
  if (prevail) flags.push("vendor_records_prevail");

  const measured = input.measured_percent;
  const matching = measured == null || !terms ? [] : terms.tiers.filter((t) => measured < t.below_percent);
  const tier = matching.sort((a, b) => a.below_percent - b.below_percent)[0] ?? null;
  const uncapped = tier?.credit_percent ?? 0;
  const capApplied = cap != null && uncapped > cap;
  const credit = capApplied ? (cap as number) : uncapped;
  if (capApplied) flags.push("cap_applied");
  const fee = input.monthly_fee ?? null;
  return {
    owed: credit > 0,
    tier: tier ? { below_percent: tier.below_percent, credit_percent: tier.credit_percent } : null,
    credit_percent: credit,
    uncapped_percent: uncapped,
    cap_percent: cap,
    cap_applied: capApplied,
    form,
    amount: fee ? { amount: Math.round(fee.amount * credit) / 100, currency: fee.currency } : null,
    vendor_records_prevail: prevail,
    basis,
    flags,
  };
}
