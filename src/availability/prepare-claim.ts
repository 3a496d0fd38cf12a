import { type EvidenceMinute, evidenceMinutes } from "./claim-evidence.js";
import {
  type ClaimLetterInput,
  type LetterFormat,
  type LetterLang,
  renderClaimLetter,
} from "./claim-letter.js";
import { type LetterOffer, letterOffer } from "./claim-offer.js";
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
  /** Whether a claim letter is offered, and why not. */
  letter: LetterOffer;
  /** Per-minute evidence of the outage runs (the letter's CSV attachment). */
  evidence: EvidenceMinute[];
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
    now: input.now ?? null,
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
    clause: credits?.claim_window ?? null,
    incidents: report.down_runs.map((r) => Date.parse(r.start)),
    calendar: input.calendar ?? null,
    now: input.now,
  });
  const clauses = [
    ...(input.commitments.availability?.evidence ?? []),
    ...(credits?.evidence ?? []),
    ...(credits?.tiers.flatMap((t) => t.evidence ?? []) ?? []),
  ].map((s) => s.text.trim());
  return {
    report,
    credit,
    window,
    letter: letterOffer(report, credit),
    evidence: evidenceMinutes(report, input.observations),
    clauses: [...new Set(clauses)].filter(Boolean),
    contract: input.contract,
  };
}

/** The letter of a claim; callers check `claim.letter.offered` first (the API answers 409 otherwise). */
export function renderClaim(claim: Claim, opts: { lang: LetterLang; format: LetterFormat }): string {
  const letter: ClaimLetterInput = { ...claim, evidence_rows: claim.evidence.length, lang: opts.lang };
  return renderClaimLetter(letter, opts.format);
}
