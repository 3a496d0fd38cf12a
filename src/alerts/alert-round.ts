import type { Kysely } from "kysely";
import { type RecurringJob, TimeSlice } from "../jobs/index.js";
import type { Allowlist, Resolver, SecretBox } from "../probes/index.js";
import { type Database, readInPages } from "../store/index.js";
import type { AlertEventInput } from "./alert-event.js";
import { type DeliverSummary, deliverDue } from "./deliveries.js";
import { fireNewAlerts, raiseAlert, resolveAlerts } from "./raise-alert.js";
import { burnRateRule } from "./rules/burn-rate-rule.js";
import { claimWindowRule } from "./rules/claim-window.js";
import { contractDeadlinesRule } from "./rules/contract-deadlines.js";
import { latencyRule } from "./rules/latency-breach.js";
import { maintenanceRule } from "./rules/maintenance.js";
import { probeRegionsRule } from "./rules/probe-regions.js";
import { rcaOverdueRule } from "./rules/rca-overdue.js";
import { type AlertRule, findingKey, type OpenAlert } from "./rules/rule.js";
import { ticketSlaRule } from "./rules/ticket-sla.js";
import { tlsExpiryRule } from "./rules/tls-expiry.js";
import { alertDb } from "./storage/tables.js";

/** Alerts fired per insert (13 parameters each, far below PostgreSQL's 65,535) or resolved per update. */
const ALERT_BATCH = 200;

/** The rules one round evaluates, in order. */
export const alertRules: AlertRule[] = [
  probeRegionsRule,
  burnRateRule,
  ticketSlaRule,
  rcaOverdueRule,
  tlsExpiryRule,
  claimWindowRule,
  latencyRule,
  maintenanceRule,
  contractDeadlinesRule,
];

export interface AlertRoundOptions {
  now: Date;
  box: SecretBox | null;
  send?: { allow?: Allowlist; resolver?: Resolver; timeoutMs?: number };
  rules?: AlertRule[];
  /** Skip sending (the bench measures evaluation alone). */
  deliver?: boolean;
}

export interface AlertRoundSummary {
  rules: {
    name: string;
    firing: number;
    fired: number;
    escalated: number;
    resolved: number;
    /** Closed without a message (once-only alerts whose date has passed). */
    expired: number;
    ms: number;
    error: string | null;
  }[];
  deliveries: DeliverSummary | null;
}

/**
 * One round: every rule evaluates every workspace, each finding is raised (deduplicated against
 * the open alerts of the rule), open alerts no longer found recover, then due deliveries are sent.
 * A rule that throws is reported and the others still run.
 */
export async function runAlertRound(
  db: Kysely<Database>,
  opts: AlertRoundOptions,
): Promise<AlertRoundSummary> {
  const summary: AlertRoundSummary = { rules: [], deliveries: null };
  for (const rule of opts.rules ?? alertRules) {
    const started = performance.now();
    const s = {
      name: rule.name,
      firing: 0,
      fired: 0,
      escalated: 0,
      resolved: 0,
      expired: 0,
      ms: 0,
      error: null as string | null,
    };
    try {
      const outcome = await rule.evaluate(db, opts.now);
      s.firing = outcome.changes?.present ?? outcome.firing.length;
      // Thousands of findings and open alerts (late tickets): the API shares this event loop.
      const slice = new TimeSlice();
      // Only what deduplication needs: a rule may have thousands open, and each one's wording
      // (facts) is read only when it recovers. A rule that compared them itself names its own.
      let openByKey = outcome.changes?.open;
      if (!openByKey) {
        const open = await readInPages((after, size) =>
          alertDb(db)
            .selectFrom("alerts")
            .select(["id", "workspace_id", "key", "level"])
            .where("rule", "=", rule.name)
            .where("status", "=", "firing")
            .$if(after !== null, (q) => q.where("id", ">", after as string))
            .orderBy("id")
            .limit(size)
            .execute(),
        );
        openByKey = new Map<string, OpenAlert>();
        for (const a of open) {
          openByKey.set(findingKey(a.workspace_id, a.key), a);
          if (slice.due) await slice.giveWay();
        }
      }
      const found = new Set<string>();
      /** New keys per workspace, fired in batches after the loop. */
      const fresh = new Map<string, AlertEventInput[]>();
      for (const f of outcome.firing) {
        if (slice.due) await slice.giveWay();
        const k = findingKey(f.workspace_id, f.key);
        if (found.has(k)) continue; // a rule naming one key twice: the first stands
        found.add(k);
        const existing = openByKey.get(k);
        if (existing && (f.level ?? 1) <= existing.level) continue;
        const { workspace_id, message, ...event } = f;
        const worded = { ...event, message: typeof message === "function" ? message() : message };
        if (!existing) {
          const list = fresh.get(workspace_id) ?? [];
          list.push(worded);
          fresh.set(workspace_id, list);
          continue;
        }
        const r = await raiseAlert(db, workspace_id, worded, { now: opts.now });
        if (r.notified === "firing") s.fired += 1;
        if (r.notified === "escalated") s.escalated += 1;
      }
      for (const [workspaceId, events] of fresh) {
        for (let i = 0; i < events.length; i += ALERT_BATCH) {
          if (slice.due) await slice.giveWay();
          const r = await fireNewAlerts(db, workspaceId, events.slice(i, i + ALERT_BATCH), { now: opts.now });
          s.fired += r.fired;
        }
      }
      // Open alerts no longer found recover (expired ones resolve without a recovery message), in
      // batches per workspace as new ones fire.
      const gone = new Map<string, { recovered: string[]; expired: string[] }>();
      const ended = outcome.changes
        ? outcome.changes.recovered.map((a) => [findingKey(a.workspace_id, a.key), a] as const)
        : openByKey;
      for (const [k, a] of ended) {
        if (slice.due) await slice.giveWay();
        if (found.has(k) || outcome.unknown.has(k)) continue;
        const lists = gone.get(a.workspace_id) ?? { recovered: [], expired: [] };
        (outcome.expired?.has(k) ? lists.expired : lists.recovered).push(a.id);
        gone.set(a.workspace_id, lists);
      }
      for (const [workspaceId, { recovered, expired }] of gone) {
        for (let i = 0; i < recovered.length; i += ALERT_BATCH) {
          if (slice.due) await slice.giveWay();
          const r = await resolveAlerts(db, workspaceId, recovered.slice(i, i + ALERT_BATCH), {
            now: opts.now,
          });
          s.resolved += r.resolved;
        }
        for (let i = 0; i < expired.length; i += ALERT_BATCH) {
          if (slice.due) await slice.giveWay();
          const r = await resolveAlerts(db, workspaceId, expired.slice(i, i + ALERT_BATCH), {
            now: opts.now,
            notify: false,
          });
          s.expired += r.resolved;
        }
      }
    } catch (err) {
      s.error = (err as Error).message.slice(0, 300);
    }
    s.ms = Math.round((performance.now() - started) * 10) / 10;
    summary.rules.push(s);
  }
  if (opts.deliver !== false)
    summary.deliveries = await deliverDue(db, { now: opts.now, box: opts.box, send: opts.send });
  return summary;
}

/**
 * The alert job: one round a minute (a missed minute is caught up once, as the latest slot).
 * Built with the server's secret box and the operator's allow-list (TERMSIGHT_ALERT_ALLOW).
 */
export function createAlertJob(deps: Omit<AlertRoundOptions, "now" | "rules" | "deliver">): RecurringJob {
  return {
    name: "alerts-evaluate",
    cron: "* * * * *",
    catchUp: "latest",
    timeoutMs: 55_000,
    async run(ctx) {
      const summary = await runAlertRound(ctx.store.db, { ...deps, now: ctx.now() });
      const failed = summary.rules.filter((r) => r.error);
      for (const r of failed) ctx.log(`alert rule ${r.name} failed: ${r.error}`);
      ctx.log("alert round", { rules: summary.rules, deliveries: summary.deliveries });
    },
  };
}
