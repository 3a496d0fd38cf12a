import type { Credits } from "../terms/index.js";

/**
 * The parts of the terms the Enforce side reads, typed loosely enough to take either a review's
 * commitments (evidence as spans) or terms-as-code (evidence as quotes): only `text` is quoted.
 */
export type Evidence = { text: string }[];

export interface AvailabilityTerms {
  target_percent: number | null;
  evidence?: Evidence;
}

export interface MaintenanceTerms {
  notice_hours: number | null;
  excluded_from_availability?: boolean | null;
}

export interface CreditTerms extends Omit<Credits, "tiers" | "evidence"> {
  tiers: { below_percent: number; credit_percent: number; evidence?: Evidence }[];
  evidence?: Evidence;
}

export interface EnforcedCommitments {
  availability?: AvailabilityTerms | null;
  credits?: CreditTerms | null;
  maintenance?: MaintenanceTerms | null;
}
