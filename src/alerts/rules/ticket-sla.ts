import { TimeSlice } from "../../jobs/index.js";
import { readInPages } from "../../store/index.js";
import type { AlertRule, RuleOutcome } from "./rule.js";

/**
 * Ticket SLA from the instants stored with each ticket at its last event (no replay): a running
 * SLA past its 75 % instant alerts once (level 1, ticket), past its due instant once more
 * (level 2, page); the alert recovers when the ticket's SLA stops running (resolved or closed).
 */
export const ticketSlaRule: AlertRule = {
  name: "ticket-sla",
  async evaluate(db, now): Promise<RuleOutcome> {
    const rows = await readInPages((after, size) =>
      db
        .selectFrom("tickets")
        .select(["id", "workspace_id", "vendor_id", "subject", "severity", "external_id", "sla_breach_at"])
        .where("sla_running", "=", true)
        .where((eb) => eb.or([eb("sla_risk_at", "<=", now), eb("sla_breach_at", "<=", now)]))
        .$if(after !== null, (q) => q.where("id", ">", after as string))
        .orderBy("id")
        .limit(size)
        .execute(),
    );
    const out: RuleOutcome = { firing: [], unknown: new Set() };
    const slice = new TimeSlice();
    for (const t of rows) {
      if (slice.due) await slice.giveWay();
      const breached = t.sla_breach_at != null && new Date(t.sla_breach_at).getTime() <= now.getTime();
      const name = `${t.external_id ?? t.id.slice(0, 8)} ${t.subject}`.slice(0, 300);
      out.firing.push({
        workspace_id: t.workspace_id,
        key: `ticket-sla:${t.id}`,
        rule: "ticket-sla",
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
