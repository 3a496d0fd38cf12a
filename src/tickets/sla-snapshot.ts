import { type ExpressionBuilder, type RawBuilder, sql } from "kysely";
import { clockDataVersion } from "../clock/index.js";
import { type Database, jsonb } from "../store/index.js";
import { type MetricStateLike, type SlaSummary, summarizeSla } from "./sla-summary.js";
import type { Db } from "./ticket-context.js";
import type { TicketEventRecord } from "./ticket-event.js";
import { computeTicketSla, type ResolvedPolicy, type TicketSla } from "./ticket-sla.js";

/**
 * A ticket's SLA state stored with the ticket, replayed up to its last event. Between events the
 * only thing time changes is that a running metric passes 75% of its target (at risk) and, after
 * its due instant, is breached; both instants are known at the last event. So the live summary at
 * any `now` after the last event follows from the snapshot alone (property-tested against a full
 * replay in sla-snapshot.test.ts), and lists can filter on the instants in SQL.
 */
export interface SlaSnapshot {
  policy_source: "ticket" | "contract" | null;
  contract_id: string | null;
  policy_error: string | null;
  /** Per metric as of the last event; null when there is no SLA (no policy, or it failed). */
  metrics: Record<string, StoredMetric | null> | null;
}

interface StoredMetric {
  state: MetricStateLike["state"];
  due: string | null;
  breached_at: string | null;
  at_75: string | null;
}

/** The ticket columns that hold the snapshot (migration 0500_ticket_sla). */
export interface SlaColumns {
  sla_snapshot: RawBuilder<SlaSnapshot>;
  sla_breach_at: Date | null;
  sla_risk_at: Date | null;
  sla_running: boolean;
  sla_version: string;
}

/** The SLA replayed up to the instant of the last event: no event is left out, no `now` baked in. */
export function slaAtLastEvent(
  resolved: ResolvedPolicy | string | null,
  events: TicketEventRecord[],
): TicketSla {
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) last = Math.max(last, Date.parse(e.at));
  return computeTicketSla(resolved, events, new Date(Number.isFinite(last) ? last : 0));
}

/** The snapshot columns of a ticket with these events under this policy. */
export function slaColumns(
  resolved: ResolvedPolicy | string | null,
  events: TicketEventRecord[],
): SlaColumns {
  return slaColumnsOf(snapshotOf(slaAtLastEvent(resolved, events)));
}

/** The snapshot that `slaColumns` stores (for tests and tools). */
export function snapshotAtLastEvent(
  resolved: ResolvedPolicy | string | null,
  events: TicketEventRecord[],
): SlaSnapshot {
  return snapshotOf(slaAtLastEvent(resolved, events));
}

function snapshotOf(sla: TicketSla): SlaSnapshot {
  const metrics = sla.timeline
    ? Object.fromEntries(
        Object.entries(sla.timeline.metrics).map(([name, m]) => [
          name,
          m ? { state: m.state, due: m.due, breached_at: m.breached_at, at_75: m.warnings.at_75 } : null,
        ]),
      )
    : null;
  return {
    policy_source: sla.policy_source,
    contract_id: sla.contract_id,
    policy_error: sla.policy_error,
    metrics,
  };
}

/** The columns that store this snapshot. */
export function slaColumnsOf(snapshot: SlaSnapshot): SlaColumns {
  return { sla_snapshot: jsonb(snapshot), ...instantsOf(snapshot), sla_version: clockDataVersion() };
}

/** The indexable columns: when the ticket counts as breached, when it is at risk, whether a metric runs. */
function instantsOf(
  snapshot: SlaSnapshot,
): Pick<SlaColumns, "sla_breach_at" | "sla_risk_at" | "sla_running"> {
  const { metrics } = snapshot;
  let breachAt: number | null = null;
  let riskAt: number | null = null;
  let running = false;
  for (const m of Object.values(metrics ?? {})) {
    if (!m) continue;
    const breach = m.state === "breached" ? (m.breached_at ?? m.due) : m.state === "running" ? m.due : null;
    if (breach != null) breachAt = Math.min(breachAt ?? Infinity, Date.parse(breach));
    if (m.state === "running") {
      running = true;
      if (m.at_75 != null) riskAt = Math.min(riskAt ?? Infinity, Date.parse(m.at_75));
    }
  }
  return {
    sla_breach_at: breachAt === null ? null : new Date(breachAt),
    sla_risk_at: riskAt === null ? null : new Date(riskAt),
    sla_running: running,
  };
}

/** SQL: the row's stored SLA state was computed with other clock data, or never, or marked stale. */
export function slaVersionStale(eb: ExpressionBuilder<Database, "tickets">) {
  return eb.or([eb("sla_version", "is", null), eb("sla_version", "!=", clockDataVersion())]);
}

/**
 * Marks tickets' stored SLA state stale (their policy may have changed: a contract was written or
 * deleted). A unique marker, not null, so a recomputation that read the old state cannot write it
 * back over this mark (`writeBackSlaColumns` compares it).
 */
export function staleSlaVersion() {
  return sql<string>`'stale ' || gen_random_uuid()::text`;
}

/** Marks the stored SLA state of a vendor's tickets that follow its contracts (no own policy) stale. */
export async function invalidateVendorTicketSla(
  db: Db,
  workspaceId: string,
  vendorId: string,
): Promise<void> {
  await db
    .updateTable("tickets")
    .set({ sla_version: staleSlaVersion() })
    .where("workspace_id", "=", workspaceId)
    .where("vendor_id", "=", vendorId)
    .where("policy", "is", null)
    .execute();
}

/** True when a row's stored SLA state can answer for `now`. */
export function snapshotUsable(
  row: { sla_version: string | null; sla_snapshot: unknown; last_event_at: Date | string },
  now: Date,
): boolean {
  return (
    row.sla_version === clockDataVersion() &&
    row.sla_snapshot != null &&
    new Date(row.last_event_at).getTime() <= now.getTime()
  );
}

/** The SLA part of a ticket view at `now` (after the last event) from its stored snapshot. */
export function slaFromSnapshot(snapshot: SlaSnapshot, now: Date): TicketSla {
  const base = {
    policy_source: snapshot.policy_source,
    contract_id: snapshot.contract_id,
    policy_error: snapshot.policy_error,
    timeline: null,
  };
  if (!snapshot.metrics) return { ...base, sla: null };
  return { ...base, sla: summaryAt(snapshot.metrics, now) };
}

/**
 * `slaFromSnapshot` at `now`, with the span of instants [from, until) over which it gives the same
 * answer: the summary compares `now` only with the stored due, breach and 75% instants (a running
 * metric is overdue from due + 1 ms), so between two neighbouring instants nothing changes. An
 * unreadable instant gives an empty span (NaN), so nothing is reused.
 */
export function slaFromSnapshotWithBounds(
  snapshot: SlaSnapshot,
  now: Date,
): { sla: TicketSla; from: number; until: number } {
  const t = now.getTime();
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  const edge = (at: number) => {
    if (Number.isNaN(at))
      until = Number.NaN; // stays NaN through Math.min: an empty span
    else if (at <= t) from = Math.max(from, at);
    else until = Math.min(until, at);
  };
  for (const m of Object.values(snapshot.metrics ?? {})) {
    if (!m) continue;
    if (m.due != null) {
      const due = Date.parse(m.due);
      edge(due);
      edge(due + 1);
    }
    if (m.breached_at != null) edge(Date.parse(m.breached_at));
    if (m.at_75 != null) edge(Date.parse(m.at_75));
  }
  return { sla: slaFromSnapshot(snapshot, now), from, until };
}

function summaryAt(metrics: Record<string, StoredMetric | null>, now: Date): SlaSummary {
  const t = now.getTime();
  const live: Record<string, MetricStateLike | null> = {};
  for (const [name, m] of Object.entries(metrics)) {
    if (!m) {
      live[name] = null;
      continue;
    }
    // A running metric is breached once `now` is past its due instant (as the replay decides: end > due).
    const overdue = m.state === "running" && m.due != null && Date.parse(m.due) < t;
    live[name] = {
      state: overdue ? "breached" : m.state,
      due: m.due,
      breached_at: overdue ? m.due : m.breached_at,
      warnings: { at_50: null, at_75: m.at_75, at_100: null },
    };
  }
  return summarizeSla({ metrics: live }, now);
}

/**
 * Writes recomputed snapshots back, each only if the ticket is unchanged since it was read (same
 * version and the same stale marker), so a concurrent event or invalidation always wins.
 */
export async function writeBackSlaColumns(
  db: Db,
  updates: { id: string; version: number; seenSlaVersion: string | null; sla: TicketSla }[],
): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map((u) => {
    const snapshot = snapshotOf(u.sla);
    const columns = instantsOf(snapshot);
    return {
      id: u.id,
      version: u.version,
      seen: u.seenSlaVersion,
      snapshot: JSON.stringify(snapshot),
      breach_at: columns.sla_breach_at?.toISOString() ?? null,
      risk_at: columns.sla_risk_at?.toISOString() ?? null,
      running: columns.sla_running,
      sla_version: clockDataVersion(),
    };
  });
  await sql`update tickets set sla_snapshot = u.snapshot::jsonb, sla_breach_at = u.breach_at,
      sla_risk_at = u.risk_at, sla_running = u.running, sla_version = u.sla_version
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as u(id text, version integer, seen text, snapshot text, breach_at timestamptz, risk_at timestamptz,
           running boolean, sla_version text)
    where tickets.id = u.id and tickets.version = u.version
      and tickets.sla_version is not distinct from u.seen`.execute(db);
}
