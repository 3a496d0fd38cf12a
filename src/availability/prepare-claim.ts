import {
  type ClaimLetterInput,
  type LetterFormat,
  type LetterLang,
  renderClaimLetter,
} from "./claim-letter.js";
import { computeClaimWindow, type DayCalendar } from "./claim-window.js";
import type { EnforcedCommitments } from "./commitment-types.js";
import { type AvailabilityReport, computeAvailability } from "./compute-availability.js";
import { type CreditOutcome, computeCredit } from "./compute-credit.js";
import type { MaintenanceNotice } from "./maintenance.js";
import type { Observation } from "./observation.js";
import { monthPeriod, type Period } from "./period.js";
import { getVendorFormula, type VendorFormula } from "./vendor-formula.js";

export interface ClaimInput {
  contract: { name: string; vendor?: string | null };
  commitments: EnforcedCommitments;
  /** The vendor formula the terms follow; `generic-time` when the terms name none. */
  formula?: string | VendorFormula | null;
  /** `YYYY-MM`, or a per-terms window (`datePeriod`, e.g. a service month from the purchase day). */
  period: string | Period;
  timezone: string;
  observations: readonly Observation[];
  maintenance?: MaintenanceNotice[];
  /** The contract's business calendar (src/clock), for business-day claim windows. */
  calendar?: DayCalendar | null;
  monthly_fee?: { amount: number; currency: string } | null;
  now?: Date;
}

export interface Claim {
  report: AvailabilityReport;
  credit: CreditOutcome;
  window: ReturnType<typeof computeClaimWindow>;
  clauses: string[];
  contract: ClaimInput["contract"];
}

/** Measured figure → credit tier → claim window: everything a claim letter states. */
export function prepareClaim(input: ClaimInput): Claim {
  const formula =
    typeof input.formula === "object" && input.formula
      ? input.formula
      : getVendorFormula(input.formula ?? "generic-time");
  const period = typeof input.period === "string" ? monthPeriod(input.period, input.timezone) : input.period;
  const report = computeAvailability({
    formula,
    period,
    timezone: input.timezone,
    observations: input.observations,
    maintenance: input.maintenance,
    commitments: input.commitments,
  });
  const credits = input.commitments.credits ?? null;
  const credit = computeCredit({
    measured_percent: report.measured_percent,
    credits,
    formula,
    monthly_fee: input.monthly_fee,
  });
  const window = computeClaimWindow({
    period,
    rule: formula.claim,
    claim_deadline_days: credits?.claim_deadline_days ?? null,
    calendar: input.calendar ?? null,
    now: input.now,
  });
  const clauses = [
    ...(input.commitments.availability?.evidence ?? []),
    ...(credits?.evidence ?? []),
    ...(credits?.tiers.flatMap((t) => t.evidence ?? []) ?? []),
  ].map((s) => s.text.trim());
  return { report, credit, window, clauses: [...new Set(clauses)].filter(Boolean), contract: input.contract };
}

export function renderClaim(claim: Claim, opts: { lang: LetterLang; format: LetterFormat }): string {
  const letter: ClaimLetterInput = { ...claim, lang: opts.lang };
  return renderClaimLetter(letter, opts.format);
}
