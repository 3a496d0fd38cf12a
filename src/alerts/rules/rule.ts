import type { Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import type { AlertEventInput } from "../alert-event.js";

type Message = AlertEventInput["message"];

/**
 * One condition found by a rule in one workspace. `message` may be a function: a rule that finds
 * thousands of conditions (late tickets) words only the ones the round raises, since nearly all
 * are alerts already open.
 */
export type RuleFinding = Omit<AlertEventInput, "message"> & {
  workspace_id: string;
  message: Message | (() => Message);
};

export interface RuleOutcome {
  /** Conditions present now. */
  firing: RuleFinding[];
  /** `workspace|key` of subjects the rule could not judge this round (no data): their alerts stay as they are. */
  unknown: Set<string>;
  /** `workspace|key` of open alerts to close without a message (a passed deadline is no recovery). */
  expired?: Set<string>;
}

/** An alert rule: evaluates every workspace at `now`; open alerts of the rule absent from `firing` recover. */
export interface AlertRule {
  name: string;
  evaluate(db: Kysely<Database>, now: Date): Promise<RuleOutcome>;
}

export const findingKey = (workspaceId: string, key: string) => `${workspaceId}|${key}`;
