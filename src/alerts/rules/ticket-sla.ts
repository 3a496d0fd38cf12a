import { type ExpressionBuilder, sql } from "kysely";
import { TimeSlice } from "../../jobs/index.js";
import { readInPages } from "../../store/index.js";
import { type AlertDatabase, alertDb } from "../storage/tables.js";
import { type AlertRule, findingKey, type OpenAlert, type RuleOutcome } from "./rule.js";

const RULE = "ticket-sla";
/** A ticket's alert key is this and the ticket id. */
const KEY_PREFIX = `${RULE}:`;

/**
 * Ticket SLA from the instants stored with each ticket at its last event (no replay): a running
 * SLA past its 75 % instant alerts once (level 1, ticket), past its due instant once more
 * (level 2, page); the alert recovers when the ticket's SLA stops running (resolved or closed).
 *
 * Nearly every late ticket already has its alert open (9,000 of them in bench:api, each minute),
 * so the rule compares with the open alerts in the store and hands the round only what changed:
 * late tickets with no open alert at their level, and open alerts whose ticket is no longer late.
 * A steady round then reads a handful of rows instead of every late ticket and every open alert.
 */
export const ticketSlaRule: AlertRule = {
  name: RULE,
  async evaluate(db, now): Promise<RuleOutcome> {
    const store = alertDb(db);
    /** A ticket (as `t`) is late: its SLA runs and is past its 75 % or its due instant. */
    const late = (eb: ExpressionBuilder<AlertDatabase & { t: AlertDatabase["tickets"] }, "t">) =>
      eb.and([
        eb("t.sla_running", "=", true),
        eb.or([eb("t.sla_risk_at", "<=", now), eb("t.sla_breach_at", "<=", now)]),
      ]);
    const levelNow = sql<number>`case when t.sla_breach_at <= ${now} then 2 else 1 end`;
    // Late tickets without an open alert at their level (new, or past due since their 75 % alert).
    const rows = await readInPages((after, size) =>
      store
        .selectFrom("tickets as t")
        .leftJoin("alerts as a", (join) =>
          join
            .onRef("a.workspace_id", "=", "t.workspace_id")
            .on("a.key", "=", sql<string>`${KEY_PREFIX} || t.id`)
            .on("a.status", "=", "firing"),
        )
        .select([
          "t.id",
          "t.workspace_id",
          "t.vendor_id",
          "t.subject",
          "t.severity",
          "t.external_id",
          "t.sla_breach_at",
          "a.id as open_id",
          "a.level as open_level",
        ])
        .where(late)
        .where((eb) => eb.or([eb("a.id", "is", null), eb("a.level", "<", levelNow)]))
        .$if(after !== null, (q) => q.where("t.id", ">", after as string))
        .orderBy("t.id")
        .limit(size)
        .execute(),
    );
    // Open alerts whose ticket is no longer late (or gone).
    const recovered: OpenAlert[] = await readInPages((after, size) =>
      store
        .selectFrom("alerts as a")
        .select(["a.id", "a.workspace_id", "a.key", "a.level"])
        .where("a.rule", "=", RULE)
        .where("a.status", "=", "firing")
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("tickets as t")
                .select(sql`1`.as("one"))
                .where("t.id", "=", sql<string>`substr(a.key, ${KEY_PREFIX.length + 1})`)
                .whereRef("t.workspace_id", "=", "a.workspace_id")
                .where(late),
            ),
          ),
        )
        .$if(after !== null, (q) => q.where("a.id", ">", after as string))
        .orderBy("a.id")
        .limit(size)
        .execute(),
    );
    const counted = await store
      .selectFrom("tickets as t")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where(late)
      .executeTakeFirstOrThrow();
    const open = new Map<string, OpenAlert>();
    const out: RuleOutcome = {
      firing: [],
      unknown: new Set(),
      changes: { open, recovered, present: Number(counted.n) },
    };
    const slice = new TimeSlice();
    for (const t of rows) {
      if (slice.due) await slice.giveWay();
      const key = `${KEY_PREFIX}${t.id}`;
      if (t.open_id !== null && t.open_level !== null)
        open.set(findingKey(t.workspace_id, key), {
          id: t.open_id,
          workspace_id: t.workspace_id,
          key,
          level: t.open_level,
        });
      const breached = t.sla_breach_at != null && new Date(t.sla_breach_at).getTime() <= now.getTime();
      const name = `${t.external_id ?? t.id.slice(0, 8)} ${t.subject}`.slice(0, 300);
      out.firing.push({
        workspace_id: t.workspace_id,
        key,
        rule: RULE,
        status: "firing",
        severity: breached ? "page" : "ticket",
        level: breached ? 2 : 1,
        vendor_id: t.vendor_id,
        subject: name,
        path: `/tickets/${t.id}`,
        message: () => {
          const due = t.sla_breach_at ? new Date(t.sla_breach_at).toISOString() : null;
          return {
            en: {
              title: breached
                ? `${t.severity} ticket SLA breached: ${name}`
                : `${t.severity} ticket at 75 % of its SLA: ${name}`,
              text: breached
                ? "The vendor missed the committed time for this ticket."
                : "75 % of the committed time has passed without the vendor meeting it.",
              fields: [
                ["Severity", t.severity],
                ["Due", due ?? "unknown"],
              ],
            },
            zh: {
              title: breached
                ? `${t.severity} 工单已超出 SLA:${name}`
                : `${t.severity} 工单已用去 75% SLA 时间:${name}`,
              text: breached ? "供应商未在承诺时间内完成此工单。" : "承诺时间已过去 75%,供应商仍未完成。",
              fields: [
                ["级别", t.severity],
                ["截止", due ?? "未知"],
              ],
            },
          };
        },
      });
    }
    return out;
  },
};
