import { type Kysely, sql, type Transaction } from "kysely";
import { InputError } from "../errors/index.js";
import { type Database, jsonb, newId } from "../store/index.js";
import { AlertEvent, type AlertEventInput } from "./alert-event.js";
import type { AlertMessage } from "./alert-message.js";
import { enqueueDeliveries } from "./deliveries.js";
import { type AlertDb, alertDb, type DeliveryEvent } from "./storage/tables.js";

export interface RaiseResult {
  alert_id: string | null;
  /** What was sent (queued to the channels): nothing when deduplicated. */
  notified: Exclude<DeliveryEvent, "test"> | null;
  deliveries: number;
}

/**
 * Raises (or resolves) one alert: a new key fires once, a higher level of a firing key escalates
 * (notifies again), the same level is deduplicated, a resolution of a firing key sends one
 * recovery. Deliveries are queued for every matching channel in the same transaction (sent by the
 * alert job, retried with backoff): an alert is never lost to a failing channel.
 */
export async function raiseAlert(
  db: Kysely<Database> | Transaction<Database>,
  workspaceId: string,
  event: AlertEventInput,
  opts: { now: Date },
): Promise<RaiseResult> {
  const e = parseEvent(event);
  if (db.isTransaction) return raiseIn(alertDb(db) as AlertDb, workspaceId, e, opts.now);
  return alertDb(db)
    .transaction()
    .execute((trx) => raiseIn(trx, workspaceId, e, opts.now));
}

async function raiseIn(db: AlertDb, workspaceId: string, e: AlertEvent, now: Date): Promise<RaiseResult> {
  const open = await db
    .selectFrom("alerts")
    .select(["id", "level", "severity"])
    .where("workspace_id", "=", workspaceId)
    .where("key", "=", e.key)
    .where("status", "=", "firing")
    .forUpdate()
    .executeTakeFirst();
  const facts = jsonb({ message: e.message, path: e.path });
  if (e.status === "resolved") {
    if (!open) return { alert_id: null, notified: null, deliveries: 0 };
    await db
      .updateTable("alerts")
      .set({ status: "resolved", resolved_at: now, last_notified_at: now, updated_at: now, facts })
      .where("id", "=", open.id)
      .execute();
    const n = await enqueueDeliveries(db, workspaceId, { id: open.id, ...e }, "resolved", now);
    return { alert_id: open.id, notified: "resolved", deliveries: n };
  }
  if (open) {
    if (e.level <= open.level) return { alert_id: open.id, notified: null, deliveries: 0 };
    await db
      .updateTable("alerts")
      .set({ level: e.level, severity: e.severity, facts, last_notified_at: now, updated_at: now })
      .where("id", "=", open.id)
      .execute();
    const n = await enqueueDeliveries(db, workspaceId, { id: open.id, ...e }, "escalated", now);
    return { alert_id: open.id, notified: "escalated", deliveries: n };
  }
  const id = newId();
  const inserted = await insertFiring(db, [firingRow(workspaceId, e, now, id)])
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return { alert_id: null, notified: null, deliveries: 0 };
  const n = await enqueueDeliveries(db, workspaceId, { id, ...e }, "firing", now);
  return { alert_id: id, notified: "firing", deliveries: n };
}

/**
 * Fires new alerts of one workspace together: one insert for the batch instead of a transaction
 * per alert (an alert round's first look at 9,000 late tickets took 23-35 s of back-to-back
 * transactions, beside the API's own). Keys already firing (another server's round a moment ago)
 * are theirs, as in raiseAlert. Answers how many fired and how many deliveries were queued.
 */
export async function fireNewAlerts(
  db: Kysely<Database>,
  workspaceId: string,
  events: AlertEventInput[],
  opts: { now: Date },
): Promise<{ fired: number; deliveries: number }> {
  const parsed = events.map((event) => parseEvent({ ...event, status: "firing" }));
  if (parsed.length === 0) return { fired: 0, deliveries: 0 };
  const now = opts.now;
  return alertDb(db)
    .transaction()
    .execute(async (trx) => {
      const inserted = await insertFiring(
        trx,
        parsed.map((e) => firingRow(workspaceId, e, now, newId())),
      )
        .returning(["id", "key"])
        .execute();
      const byKey = new Map(parsed.map((e) => [e.key, e]));
      const fired = inserted.flatMap((row) => {
        const e = byKey.get(row.key);
        return e ? [{ ...e, id: row.id }] : [];
      });
      const deliveries = await enqueueEach(trx, workspaceId, fired, "firing", now);
      return { fired: inserted.length, deliveries };
    });
}

/**
 * Resolves firing alerts of one workspace together (open alerts a round no longer finds): one
 * update for the batch, and one recovery queued per channel as raiseAlert does, instead of a
 * transaction per alert (an alert round with 334 recoveries spent 3.8 s in them beside the API).
 * An alert no longer firing (another server's round, a user) is left alone. `notify: false` resolves
 * without sending (expired conditions). Answers how many resolved and how many deliveries were queued.
 */
export async function resolveAlerts(
  db: Kysely<Database>,
  workspaceId: string,
  ids: string[],
  opts: { now: Date; notify?: boolean },
): Promise<{ resolved: number; deliveries: number }> {
  if (ids.length === 0) return { resolved: 0, deliveries: 0 };
  const now = opts.now;
  const notify = opts.notify ?? true;
  return alertDb(db)
    .transaction()
    .execute(async (trx) => {
      const resolved = await trx
        .updateTable("alerts")
        .set({
          status: "resolved",
          resolved_at: now,
          updated_at: now,
          ...(notify ? { last_notified_at: now } : {}),
        })
        .where("workspace_id", "=", workspaceId)
        .where("id", "in", ids)
        .where("status", "=", "firing")
        .returning(["id", "key", "severity", "vendor_id", "facts"])
        .execute();
      if (!notify) return { resolved: resolved.length, deliveries: 0 };
      const recovered = resolved.map((row) => ({
        id: row.id,
        key: row.key,
        severity: row.severity,
        vendor_id: row.vendor_id,
        ...(row.facts as { message: AlertEvent["message"]; path: string | null }),
      }));
      const deliveries = await enqueueEach(trx, workspaceId, recovered, "resolved", now);
      return { resolved: resolved.length, deliveries };
    });
}

/**
 * Queues one event of each alert to the workspace's matching channels. Most workspaces alert no
 * channel for most rules: one look first spares a query per alert of a batch.
 */
async function enqueueEach(
  db: AlertDb,
  workspaceId: string,
  alerts: Parameters<typeof enqueueDeliveries>[2][],
  event: "firing" | "resolved",
  now: Date,
): Promise<number> {
  if (alerts.length === 0) return 0;
  const anyChannel = await db
    .selectFrom("alert_channels")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("enabled", "=", true)
    .limit(1)
    .executeTakeFirst();
  let deliveries = 0;
  if (anyChannel)
    for (const a of alerts) deliveries += await enqueueDeliveries(db, workspaceId, a, event, now);
  return deliveries;
}

/** The event, checked; a one-line InputError naming the first bad field. */
function parseEvent(event: AlertEventInput): AlertEvent {
  const parsed = AlertEvent.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`alert.${issue.path.join(".")}`, issue.message.toLowerCase());
  }
  return parsed.data;
}

/** The alerts row of a newly firing event. */
function firingRow(workspaceId: string, e: AlertEvent, now: Date, id: string) {
  return {
    id,
    workspace_id: workspaceId,
    key: e.key,
    rule: e.rule,
    status: "firing" as const,
    severity: e.severity,
    level: e.level,
    vendor_id: e.vendor_id,
    subject: e.subject,
    facts: jsonb({ message: e.message, path: e.path }),
    opened_at: now,
    last_notified_at: now,
    updated_at: now,
  };
}

/**
 * Inserts firing alerts; a key already firing (another server raised it a moment ago) is theirs
 * and is skipped. The predicate is the partial index's own text, a literal: PostgreSQL matches it
 * to the index while planning.
 */
function insertFiring(db: AlertDb, rows: ReturnType<typeof firingRow>[]) {
  return db
    .insertInto("alerts")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["workspace_id", "key"]).where("status", "=", sql.lit("firing")).doNothing(),
    );
}

/** The message a channel renders for one event, in the workspace's language. */
export function messageFor(
  e: Pick<AlertEvent, "key" | "severity" | "message" | "path">,
  event: DeliveryEvent,
  settings: { lang: "zh" | "en"; public_url: string | null },
  workspaceId: string,
  now: Date,
): AlertMessage {
  const w = e.message[settings.lang];
  const zh = settings.lang === "zh";
  const prefix =
    event === "resolved"
      ? zh
        ? "已恢复:"
        : "Resolved: "
      : event === "escalated"
        ? zh
          ? "升级:"
          : "Escalated: "
        : event === "test"
          ? zh
            ? "测试:"
            : "Test: "
          : "";
  const base = settings.public_url?.replace(/\/+$/, "") ?? null;
  return {
    key: e.key,
    status: event === "resolved" ? "resolved" : event === "report" ? "report" : "firing",
    severity: e.severity,
    title: `${prefix}${w.title}`,
    text: w.text,
    fields: w.fields,
    url:
      base && e.path
        ? `${base}${e.path}${e.path.includes("?") ? "&" : "?"}ws=${encodeURIComponent(workspaceId)}`
        : null,
    at: now.toISOString(),
    lang: settings.lang,
  };
}
