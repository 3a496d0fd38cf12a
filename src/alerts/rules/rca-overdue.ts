import { compileCalendar, parseCalendar } from "../../clock/index.js";
import { findVendorContract } from "../../tickets/index.js";
import { alertDb } from "../storage/tables.js";
import { type AlertRule, findingKey, type RuleOutcome } from "./rule.js";

function rcaCommitment(terms: unknown): { hours: number | null; businessDays: number | null } {
  const t = (terms ?? {}) as Record<string, unknown>;
  const rca = (t.rca ?? (t.commitments as Record<string, unknown> | undefined)?.rca) as
    | { deadline_hours?: unknown; deadline_business_days?: unknown }
    | null
    | undefined;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return { hours: num(rca?.deadline_hours), businessDays: num(rca?.deadline_business_days) };
}

/**
 * RCA overdue: a resolved incident with no RCA report past the contract's committed deadline,
 * counted from resolution in hours or in business days of the contract's calendar (availability
 * settings). A business-day deadline without a calendar is not guessed: the incident is left as is.
 */
export const rcaOverdueRule: AlertRule = {
  name: "rca-overdue",
  async evaluate(db0, now): Promise<RuleOutcome> {
    const db = alertDb(db0);
    const incidents = await db
      .selectFrom("incidents as i")
      .select(["i.id", "i.workspace_id", "i.vendor_id", "i.title", "i.started_at", "i.resolved_at"])
      .where("i.resolved_at", "is not", null)
      .where("i.resolved_at", "<=", now)
      .where("i.vendor_id", "is not", null)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom("rca_reports as r").select("r.id").whereRef("r.incident_id", "=", "i.id")),
        ),
      )
      .execute();
    const out: RuleOutcome = { firing: [], unknown: new Set() };
    for (const inc of incidents) {
      const key = `rca:${inc.id}`;
      const contract = await findVendorContract(
        db0,
        inc.workspace_id,
        inc.vendor_id,
        new Date(inc.started_at),
      );
      if (!contract) continue;
      const row = await db
        .selectFrom("contracts")
        .leftJoin("availability_settings as s", "s.contract_id", "contracts.id")
        .select(["contracts.terms", "s.calendar"])
        .where("contracts.id", "=", contract.contractId)
        .executeTakeFirst();
      const c = rcaCommitment(row?.terms);
      const resolved = new Date(inc.resolved_at as Date | string);
      let due: Date | null = null;
      let basis = "";
      if (c.businessDays != null) {
        if (!row?.calendar) {
          out.unknown.add(findingKey(inc.workspace_id, key));
          continue;
        }
        due = compileCalendar(parseCalendar(row.calendar, "calendar")).addBusinessDays(
          resolved,
          c.businessDays,
        );
        basis = `${c.businessDays} business days`;
      } else if (c.hours != null) {
        due = new Date(resolved.getTime() + c.hours * 3_600_000);
        basis = `${c.hours} h`;
      }
      if (!due || due.getTime() > now.getTime()) continue;
      const late = Math.round(((now.getTime() - due.getTime()) / 3_600_000) * 10) / 10;
      out.firing.push({
        workspace_id: inc.workspace_id,
        key,
        rule: "rca-overdue",
        status: "firing",
        severity: "ticket",
        vendor_id: inc.vendor_id,
        subject: inc.title.slice(0, 300),
        path: `/tickets?incident=${inc.id}`,
        message: {
          en: {
            title: `RCA overdue: ${inc.title}`,
            text: `The contract "${contract.contractName}" commits to a written root-cause report within ${basis} of resolution; none has been received.`,
            fields: [
              ["Resolved", resolved.toISOString()],
              ["Due", due.toISOString()],
              ["Hours late", String(late)],
            ],
          },
          zh: {
            title: `RCA 报告逾期:${inc.title}`,
            text: `合同「${contract.contractName}」承诺在故障恢复后 ${basis.replace("business days", "个工作日").replace(" h", " 小时")}内提交书面根因分析报告,目前尚未收到。`,
            fields: [
              ["恢复时间", resolved.toISOString()],
              ["截止", due.toISOString()],
              ["逾期小时", String(late)],
            ],
          },
        },
      });
    }
    return out;
  },
};
