import { alertDb } from "../storage/tables.js";
import { insideWindow, parseCommittedWindow } from "./maintenance-window.js";
import { type AlertRule, findingKey, type RuleOutcome } from "./rule.js";

/** Notices whose window ended longer ago than this are no longer judged (their alert closes quietly). */
const KEEP_DAYS = 7;

interface MaintenanceTerms {
  commitments?: { maintenance?: { notice_hours?: number | null; window?: string | null } | null };
  calendar?: { timezone?: unknown } | null;
}

/**
 * Maintenance against the contract: a recorded maintenance notice (`maintenance_notices`) given with
 * less notice than the contract in force commits (`maintenance.notice_hours`; as stored with the
 * notice when it was recorded), or a window outside the committed maintenance window (the terms'
 * `maintenance.window` phrase, read in its own zone or the contract's calendar zone; a phrase with
 * no time range is not judged). Once-only: one alert per notice, closed without a message a week
 * after the window.
 */
export const maintenanceRule: AlertRule = {
  name: "maintenance",
  async evaluate(db0, now): Promise<RuleOutcome> {
    const db = alertDb(db0);
    const out: RuleOutcome = { firing: [], unknown: new Set(), expired: new Set() };
    const notices = await db
      .selectFrom("maintenance_notices")
      .select([
        "id",
        "workspace_id",
        "vendor_id",
        "title",
        "notice_at",
        "window_start",
        "window_end",
        "committed_hours",
        "notice_hours_given",
        "late",
      ])
      .where("vendor_id", "is not", null)
      .where("window_end", ">=", new Date(now.getTime() - KEEP_DAYS * 86_400_000))
      .where("notice_at", "<=", now)
      .execute();
    const contracts = new Map<
      string,
      { id: string; name: string; terms: unknown; from: string | null; to: string | null }[]
    >();
    const vendorIds = [...new Set(notices.map((n) => n.vendor_id as string))];
    if (vendorIds.length)
      for (const c of await db
        .selectFrom("contracts")
        .leftJoin("availability_settings as s", "s.contract_id", "contracts.id")
        .select([
          "contracts.id",
          "contracts.workspace_id",
          "contracts.vendor_id",
          "contracts.name",
          "contracts.terms",
          "contracts.valid_from",
          "contracts.valid_to",
          "s.timezone",
        ])
        .where("contracts.vendor_id", "in", vendorIds)
        .orderBy("contracts.updated_at", "desc")
        .execute()) {
        const k = `${c.workspace_id}|${c.vendor_id}`;
        const terms = { ...(c.terms as MaintenanceTerms), zone: c.timezone };
        contracts.set(k, [
          ...(contracts.get(k) ?? []),
          { id: c.id, name: c.name, terms, from: c.valid_from, to: c.valid_to },
        ]);
      }
    for (const n of notices) {
      const key = `maintenance:${n.id}`;
      const start = new Date(n.window_start);
      const end = new Date(n.window_end);
      const day = start.toISOString().slice(0, 10);
      const contract = (contracts.get(`${n.workspace_id}|${n.vendor_id}`) ?? []).find(
        (c) => (!c.from || c.from <= day) && (!c.to || c.to >= day),
      );
      const terms = (contract?.terms ?? {}) as MaintenanceTerms & { zone?: string | null };
      const m = terms.commitments?.maintenance;
      const committed = n.committed_hours ?? m?.notice_hours ?? null;
      const late = n.late ?? (committed != null ? n.notice_hours_given < committed : null);
      const zone =
        (typeof terms.calendar?.timezone === "string" ? terms.calendar.timezone : null) ??
        terms.zone ??
        "UTC";
      const window = m?.window ? parseCommittedWindow(m.window, zone) : null;
      const outside = window ? !insideWindow(window, start, end) : false;
      if (!late && !outside) continue;
      const fields = (zh: boolean): [string, string][] => [
        [zh ? "维护窗口" : "Window", `${start.toISOString()} – ${end.toISOString()}`],
        [zh ? "通知时间" : "Notice given", new Date(n.notice_at).toISOString()],
        ...(late
          ? [
              [
                zh ? "提前通知" : "Notice",
                zh
                  ? `${n.notice_hours_given} 小时(承诺 ${committed} 小时)`
                  : `${n.notice_hours_given} h (committed ${committed} h)`,
              ] as [string, string],
            ]
          : []),
        ...(outside ? [[zh ? "承诺窗口" : "Committed window", m?.window ?? ""] as [string, string]] : []),
      ];
      const what = {
        en: [late ? "short notice" : null, outside ? "outside the committed window" : null]
          .filter(Boolean)
          .join(" and "),
        zh: [late ? "提前通知不足" : null, outside ? "不在承诺的维护窗口内" : null]
          .filter(Boolean)
          .join("且"),
      };
      out.firing.push({
        workspace_id: n.workspace_id,
        key,
        rule: "maintenance",
        status: "firing",
        severity: "ticket",
        level: 1,
        vendor_id: n.vendor_id,
        subject: n.title.slice(0, 300),
        path: `/vendors/${n.vendor_id}?maintenance=${n.id}`,
        message: {
          en: {
            title: `Maintenance ${what.en}: ${n.title}`.slice(0, 300),
            text: `${contract ? `The contract "${contract.name}"` : "The contract"} commits to ${[
              late ? `${committed} h notice` : null,
              outside ? `maintenance within "${m?.window}"` : null,
            ]
              .filter(Boolean)
              .join(" and ")}; this maintenance does not keep to it.`,
            fields: fields(false),
          },
          zh: {
            title: `维护${what.zh}:${n.title}`.slice(0, 300),
            text: `${contract ? `合同「${contract.name}」` : "合同"}承诺${[
              late ? `提前 ${committed} 小时通知` : null,
              outside ? `在「${m?.window}」内维护` : null,
            ]
              .filter(Boolean)
              .join("并")};此次维护未遵守。`,
            fields: fields(true),
          },
        },
      });
    }
    // once-only: an open alert of a notice no longer judged (window long past, or corrected) closes quietly
    for (const a of await db
      .selectFrom("alerts")
      .select(["workspace_id", "key"])
      .where("rule", "=", "maintenance")
      .where("status", "=", "firing")
      .execute()) {
      const k = findingKey(a.workspace_id, a.key);
      if (!out.firing.some((f) => findingKey(f.workspace_id, f.key) === k)) out.expired?.add(k);
    }
    return out;
  },
};
