import type { Kysely } from "kysely";
import type { SecretBox } from "../probes/index.js";
import { type Database, jsonb, newId } from "../store/index.js";
import { readWorkspaceSettings, shortLang } from "../workspaces/index.js";
import type { AlertEvent } from "./alert-event.js";
import type { AlertMessage } from "./alert-message.js";
import { openChannelConfig, quietRuleOf } from "./channel-config.js";
import { deliveryTime } from "./quiet-hours.js";
import { messageFor } from "./raise-alert.js";
import { type SendOptions, sendAlert } from "./send-alert.js";
import { type AlertDb, alertDb, type DeliveryEvent } from "./storage/tables.js";

/** Retries: 1, 2, 4 … minutes, at most an hour apart; after this many tries a delivery is "failed". */
export const MAX_DELIVERY_ATTEMPTS = 24;
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** How long a claimed delivery stays invisible to other servers while it is being sent. */
const CLAIM_LEASE_MS = 5 * 60_000;

export interface WorkspaceAlertSettings {
  lang: "zh" | "en";
  public_url: string | null;
}

/** The alert settings; without a stored alert language, alerts speak the workspace's language. */
export async function loadAlertSettings(db: AlertDb, workspaceId: string): Promise<WorkspaceAlertSettings> {
  const row = await db
    .selectFrom("alert_settings")
    .select(["lang", "public_url"])
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  const lang = row?.lang ?? shortLang((await readWorkspaceSettings(db as never, workspaceId)).language);
  return { lang, public_url: row?.public_url ?? process.env.TERMSIGHT_PUBLIC_URL ?? null };
}

/**
 * Queues one delivery per enabled channel whose routing matches (severity, vendor), worded in the
 * workspace's language and due now or at the channel's next business-hours opening (quiet hours).
 */
export async function enqueueDeliveries(
  db: AlertDb,
  workspaceId: string,
  alert: Pick<AlertEvent, "key" | "severity" | "message" | "path" | "vendor_id"> & { id: string | null },
  event: Exclude<DeliveryEvent, "test">,
  now: Date,
  reportId: string | null = null,
): Promise<number> {
  const channels = await db
    .selectFrom("alert_channels")
    .select(["id", "severities", "vendor_ids", "quiet"])
    .where("workspace_id", "=", workspaceId)
    .where("enabled", "=", true)
    .execute();
  const matching = channels.filter(
    (c) =>
      (!c.severities || c.severities.includes(alert.severity)) &&
      (!c.vendor_ids || (alert.vendor_id !== null && c.vendor_ids.includes(alert.vendor_id))),
  );
  if (matching.length === 0) return 0;
  const settings = await loadAlertSettings(db, workspaceId);
  const message = messageFor(alert, event, settings, workspaceId, now);
  await db
    .insertInto("alert_deliveries")
    .values(
      matching.map((c) => ({
        id: newId(),
        workspace_id: workspaceId,
        alert_id: alert.id,
        report_id: reportId,
        channel_id: c.id,
        event,
        status: "pending" as const,
        attempts: 0,
        next_attempt_at: deliveryTime(message, now, quietRuleOf(c.quiet)),
        message: jsonb(message),
        created_at: now,
      })),
    )
    .execute();
  return matching.length;
}

export interface DeliverOptions {
  now: Date;
  box: SecretBox | null;
  send?: Pick<SendOptions, "allow" | "resolver" | "timeoutMs">;
  /** At most this many deliveries per call (the rest wait for the next round). */
  limit?: number;
}

export interface DeliverSummary {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the deliveries that are due. Each is claimed first (`FOR UPDATE SKIP LOCKED`, moved a lease
 * ahead) so several servers never send the same one; the outcome updates the delivery (sent, or
 * retried with backoff, or failed after MAX_DELIVERY_ATTEMPTS) and the channel's status.
 */
export async function deliverDue(db0: Kysely<Database>, opts: DeliverOptions): Promise<DeliverSummary> {
  const db = alertDb(db0);
  const now = opts.now;
  const claimed = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("alert_deliveries")
      .select(["id", "workspace_id", "channel_id", "attempts", "message"])
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .orderBy("next_attempt_at")
      .limit(opts.limit ?? 200)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length)
      await trx
        .updateTable("alert_deliveries")
        .set({ next_attempt_at: new Date(now.getTime() + CLAIM_LEASE_MS) })
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
    return rows;
  });
  const summary: DeliverSummary = { sent: 0, retrying: 0, failed: 0 };
  for (const d of claimed) {
    const outcome = await sendOne(
      db,
      d.workspace_id,
      d.channel_id,
      d.message as unknown as AlertMessage,
      opts,
    );
    const attempts = d.attempts + 1;
    if (outcome.ok) {
      summary.sent += 1;
      await db
        .updateTable("alert_deliveries")
        .set({ status: "sent", attempts, sent_at: now, last_error: null })
        .where("id", "=", d.id)
        .execute();
    } else {
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
      if (failed) summary.failed += 1;
      else summary.retrying += 1;
      await db
        .updateTable("alert_deliveries")
        .set({
          status: failed ? "failed" : "pending",
          attempts,
          last_error: outcome.detail,
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where("id", "=", d.id)
        .execute();
    }
  }
  return summary;
}

/** Opens the channel's sealed config and sends; records the outcome on the channel. */
export async function sendOne(
  db: AlertDb,
  workspaceId: string,
  channelId: string,
  message: AlertMessage,
  opts: DeliverOptions,
): Promise<{ ok: boolean; detail: string }> {
  const channel = await db
    .selectFrom("alert_channels")
    .select(["id", "kind", "sealed"])
    .where("id", "=", channelId)
    .executeTakeFirst();
  let outcome: { ok: boolean; detail: string };
  if (!channel) return { ok: false, detail: "channel deleted" };
  const config = openChannelConfig(opts.box, workspaceId, channel.id, channel.sealed);
  if (typeof config === "string") outcome = { ok: false, detail: config };
  else {
    try {
      outcome = await sendAlert({ channel: channel.kind, config }, message, { now: opts.now, ...opts.send });
    } catch (err) {
      // A stored config the schema no longer accepts: say which field, keep the delivery.
      outcome = { ok: false, detail: (err as Error).message.slice(0, 300) };
    }
  }
  await db
    .updateTable("alert_channels")
    .set(
      outcome.ok
        ? { status: "ok", last_error: null, last_attempt_at: opts.now, last_ok_at: opts.now }
        : { status: "failing", last_error: outcome.detail, last_attempt_at: opts.now },
    )
    .where("id", "=", channel.id)
    .execute();
  return outcome;
}
