import { createRequire } from "node:module";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";
import { InputError } from "../errors/index.js";

const require = createRequire(import.meta.url);

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;
/** zxcvbn's cost grows with length (~1 ms a character); what follows only adds strength. */
const SCORED_PREFIX = 64;

let estimator: ZxcvbnFactory | null = null;

/**
 * zxcvbn and its dictionaries, loaded on the first new password: about 3 MB of a server's heap
 * that every garbage collection would otherwise mark, for a check made when someone sets a password.
 */
function passwordEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  const { ZxcvbnFactory: Factory } = require("@zxcvbn-ts/core") as typeof import("@zxcvbn-ts/core");
  const { adjacencyGraphs, dictionary } = require("@zxcvbn-ts/language-common") as typeof ZxcvbnCommon;
  estimator = new Factory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return estimator;
}

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
  const inputs = userInputs.flatMap((s) => [s, ...s.toLowerCase().split(/[@.\s_+-]+/)]).filter(Boolean);
  const result = passwordEstimator().check(password.slice(0, SCORED_PREFIX), inputs);
  if (result.score < MIN_PASSWORD_SCORE) {
    throw new InputError(
      field,
      "is too easy to guess; use a longer passphrase of unrelated words, not your email or name",
    );
  }
}
