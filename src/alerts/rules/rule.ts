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

/** An open alert of a rule, as the round deduplicates against it. */
export interface OpenAlert {
  id: string;
  workspace_id: string;
  key: string;
  level: number;
}

export interface RuleOutcome {
  /** Conditions present now (with `changes`: only those without an open alert at their level). */
  firing: RuleFinding[];
  /** `workspace|key` of subjects the rule could not judge this round (no data): their alerts stay as they are. */
  unknown: Set<string>;
  /** `workspace|key` of open alerts to close without a message (a passed deadline is no recovery). */
  expired?: Set<string>;
  /**
   * Set by a rule that compares with its open alerts itself, in the store (late tickets: thousands
   * open, a few changing a minute), so that the round reads neither every condition nor every open
   * alert. `firing` then holds only conditions with no open alert at their level; `open` the open
   * alerts of those (by `workspace|key`), `recovered` the open alerts whose condition is gone, and
   * `present` how many conditions there are in all. Open alerts named nowhere stay as they are.
   */
  changes?: { open: Map<string, OpenAlert>; recovered: OpenAlert[]; present: number };
}

/** An alert rule: evaluates every workspace at `now`; open alerts of the rule absent from `firing` recover. */
export interface AlertRule {
  name: string;
  evaluate(db: Kysely<Database>, now: Date): Promise<RuleOutcome>;
}

export const findingKey = (workspaceId: string, key: string) => `${workspaceId}|${key}`;
