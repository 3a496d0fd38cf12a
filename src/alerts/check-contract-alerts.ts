import type { Kysely } from "kysely";
import { loadObservations } from "../availability/index.js";
import { NotFoundError } from "../errors/index.js";
import type { Database } from "../store/index.js";
import { stepAlert } from "./alert-state.js";
import { type BurnEvaluation, type BurnRule, defaultBurnRules, evaluateBurnRate } from "./burn-rate.js";
import { buildBurnRateMessage } from "./burn-rate-message.js";
import { deliveryTime, type QuietRule } from "./quiet-hours.js";
import { type ChannelTarget, type SendOptions, type SendResult, sendAlert } from "./send-alert.js";
import { loadAlertState, saveAlertState } from "./storage/alert-states.js";

export interface ContractAlertCheck {
  key: string;
  evaluation: BurnEvaluation | null;
  notify: "firing" | "resolved" | null;
  results: SendResult[];
  /** Why nothing was evaluated (the terms commit to no availability target). */
  skipped: string | null;
  /** Held by the quiet rule until this instant (the next check after it sends, if still firing). */
  held_until: string | null;
}

/**
 * One burn-rate check of a contract's availability target: evaluates the evidence of the longest
 * window, steps the stored alert state (deduplicated), and sends the alert or its recovery to
 * every channel. Meant to be called by the scheduled job every minute or so.
 */
export async function checkContractAlerts(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    contractId: string;
    channels: ChannelTarget[];
    now: Date;
    lang?: "zh" | "en";
    rules?: BurnRule[];
    renotify_minutes?: number | null;
    url?: string | null;
    /** Hold these severities outside business hours: nothing is sent or recorded until the calendar opens. */
    quiet?: QuietRule | null;
    send?: Pick<SendOptions, "allow" | "resolver" | "timeoutMs">;
  },
): Promise<ContractAlertCheck> {
  const key = `burn:${input.contractId}`;
  const contract = await db
    .selectFrom("contracts")
    .select(["id", "name", "vendor_id", "terms"])
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.contractId)
    .executeTakeFirst();
  if (!contract) throw new NotFoundError("contract", input.contractId);
  const terms = contract.terms as {
    commitments?: { availability?: { target_percent?: number | null } | null };
  };
  const target = terms.commitments?.availability?.target_percent ?? null;
  if (target == null || target >= 100) {
    return {
      key,
      evaluation: null,
      notify: null,
      results: [],
      skipped: "no availability target in the terms",
      held_until: null,
    };
  }
  const rules = input.rules ?? defaultBurnRules;
  const longest = Math.max(...rules.map((r) => r.long_minutes));
  const observations = await loadObservations(db, {
    workspaceId: input.workspaceId,
    contractId: input.contractId,
    vendorId: contract.vendor_id,
    probeIds: null,
    from: new Date(input.now.getTime() - longest * 60_000),
    to: input.now,
  });
  const evaluation = evaluateBurnRate({ observations, target_percent: target, now: input.now, rules });
  const previous = await loadAlertState(db, input.workspaceId, key);
  const step = stepAlert(previous, evaluation, { key, renotify_minutes: input.renotify_minutes ?? null });
  const results: SendResult[] = [];
  if (step.notify) {
    const message = buildBurnRateMessage({
      key,
      contract: contract.name,
      evaluation,
      status: step.notify,
      previous,
      lang: input.lang ?? "en",
      url: input.url ?? null,
    });
    const at = deliveryTime(message, input.now, input.quiet);
    if (at.getTime() > input.now.getTime()) {
      // A night-time ticket that heals before the opening is never sent: the state stays as it was.
      return { key, evaluation, notify: null, results, skipped: null, held_until: at.toISOString() };
    }
    for (const channel of input.channels) {
      results.push(await sendAlert(channel, message, { now: input.now, ...input.send }));
    }
  }
  const undelivered = step.notify !== null && results.length > 0 && results.every((r) => !r.ok);
  // Nothing reached anyone: keep the old state so the next check tries again.
  if (undelivered) return { key, evaluation, notify: step.notify, results, skipped: null, held_until: null };
  if (
    step.notify ||
    !previous ||
    previous.status !== step.state.status ||
    previous.rule !== step.state.rule
  ) {
    await saveAlertState(db, input.workspaceId, step.state, input.now);
  }
  return { key, evaluation, notify: step.notify, results, skipped: null, held_until: null };
}
