import { readDataFile } from "../data-files/index.js";
import type { AvailabilityReport } from "./compute-availability.js";
import type { CreditOutcome } from "./compute-credit.js";

/** Why no claim letter is offered for a period. */
export type NoLetterReason =
  | "period_in_progress"
  | "no_data"
  | "no_credit_terms"
  | "commitment_met"
  | "no_credit_owed";

export interface LetterOffer {
  offered: boolean;
  reason: NoLetterReason | null;
  /** The reason in words, per language (the UI shows it as is). */
  message: { en: string; zh: string } | null;
}

type Strings = Record<string, string>;
const strings = readDataFile("availability/letter.yaml") as Record<"en" | "zh", Strings>;

const message = (reason: NoLetterReason) => ({
  en: strings.en[`no_letter_${reason}`],
  zh: strings.zh[`no_letter_${reason}`],
});

/**
 * A claim letter is offered only for an ended period where a credit is owed; otherwise the reason.
 * The order matters: "in progress" and "nothing measured" say more than "no credit owed".
 */
export function letterOffer(report: AvailabilityReport, credit: CreditOutcome): LetterOffer {
  let reason: NoLetterReason | null = null;
  if (report.period.partial) reason = "period_in_progress";
  else if (report.measured_percent == null) reason = "no_data";
  else if (credit.basis === "none") reason = "no_credit_terms";
  else if (!credit.owed) reason = report.met === true ? "commitment_met" : "no_credit_owed";
  return { offered: reason == null, reason, message: reason ? message(reason) : null };
}
