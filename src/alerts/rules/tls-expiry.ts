import { sql } from "kysely";
import type { AlertRule, RuleOutcome } from "./rule.js";

/** Days before a certificate expires that alert: ticket at 14, page at 3. */
export const TLS_WARN_DAYS = 14;
export const TLS_PAGE_DAYS = 3;
const LOOKBACK_MS = 30 * 60_000;

/** TLS certificate expiring: the latest sample (last 30 min) of each probe that measured the certificate. */
export const tlsExpiryRule: AlertRule = {
  name: "tls-expiry",
  async evaluate(db, now): Promise<RuleOutcome> {
    const rows = await db
      .selectFrom("probe_samples as s")
      .innerJoin("probes as p", "p.id", "s.probe_id")
      .select([
        "s.probe_id",
        "p.workspace_id",
        "p.vendor_id",
        "p.name",
        "p.url",
        sql<number>`(s.sample->'metrics'->>'cert_days_left')::float8`.as("days"),
      ])
      .distinctOn("s.probe_id")
      .where("s.at", ">=", new Date(now.getTime() - LOOKBACK_MS))
      .where("s.at", "<=", now)
      .where(sql<boolean>`s.sample->'metrics'->>'cert_days_left' is not null`)
      .orderBy("s.probe_id")
      .orderBy("s.at", "desc")
      .execute();
    const out: RuleOutcome = { firing: [], unknown: new Set() };
    for (const r of rows) {
      if (r.days > TLS_WARN_DAYS) continue;
      const page = r.days <= TLS_PAGE_DAYS;
      const host = (() => {
        try {
          return new URL(r.url).host;
        } catch {
          return r.url;
        }
      })();
      const days = Math.floor(r.days);
      out.firing.push({
        workspace_id: r.workspace_id,
        key: `tls:${r.probe_id}`,
        rule: "tls-expiry",
        status: "firing",
        severity: page ? "page" : "ticket",
        level: page ? 2 : 1,
        vendor_id: r.vendor_id,
        subject: r.name ?? host,
        path: `/probes/${r.probe_id}`,
        message: {
          en: {
            title: `TLS certificate of ${host} expires in ${days} days`,
            text: "The vendor's endpoint certificate is close to expiry; an expired certificate fails every client.",
            fields: [["Days left", String(days)]],
          },
          zh: {
            title: `${host} 的 TLS 证书将在 ${days} 天后过期`,
            text: "供应商接口证书即将过期;过期后所有客户端都会连接失败。",
            fields: [["剩余天数", String(days)]],
          },
        },
      });
    }
    return out;
  },
};
