import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { InputError } from "../errors/index.js";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;
/** zxcvbn's cost grows with length (~1 ms a character); what follows only adds strength. */
const SCORED_PREFIX = 64;

let estimator: ZxcvbnFactory | null = null;

/**
 * Refuses a new password that is short, all whitespace, too long, or guessable (zxcvbn score
 * below 3, with `userInputs` such as the email and name as extra dictionary words).
 * `field` names the input in the 400 (`body.password`).
 */
export function checkNewPassword(password: string, userInputs: string[], field = "body.password"): void {
  if (password.trim() === "") throw new InputError(field, "must not be empty or only whitespace");
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new InputError(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new InputError(field, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  const inputs = userInputs.flatMap((s) => [s, ...s.toLowerCase().split(/[@.\s_+-]+/)]).filter(Boolean);
  const result = estimator.check(password.slice(0, SCORED_PREFIX), inputs);
  if (result.score < MIN_PASSWORD_SCORE) {
    throw new InputError(
      field,
      "is too easy to guess; use a longer passphrase of unrelated words, not your email or name",
    );
  }
}
