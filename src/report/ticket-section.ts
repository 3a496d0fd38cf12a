import type { Db } from "../context/index.js";
import { computeTicketSla, PolicyResolver } from "../tickets/index.js";
import { nearestRank, round } from "./quantile.js";
import type { MetricName, SlaCell, TicketSection } from "./report-model.js";

const METRICS: MetricName[] = ["first_response", "next_response", "resolution"];
/** How many breached tickets the report lists with their timelines (the count covers all). */
export const BREACHED_LISTED = 100;
const CHUNK = 1000;

type EventArg = Parameters<typeof computeTicketSla>[1][number];

/**
 * The vendor's tickets opened in `[from, to)`: SLA attainment per severity and metric (replayed
 * under each ticket's policy as of `now`), and how the vendor handled them.
 */
export async function ticketSection(
  db: Db,
  workspaceId: string,
  vendorId: string | null,
  from: Date,
  to: Date,
  now: Date,
): Promise<TicketSection> {
  const tickets = vendorId
    ? await db
        .selectFrom("tickets")
        .select(["id", "external_id", "subject", "severity", "vendor_id", "policy", "opened_at"])
        .where("workspace_id", "=", workspaceId)
        .where("vendor_id", "=", vendorId)
        .where("opened_at", ">=", from)
        .where("opened_at", "<", to)
        .orderBy("opened_at")
        .execute()
    : [];
  const events = new Map<string, EventArg[]>();
  const scores = new Map<string, { score: number; note: string }>();
  for (let i = 0; i < tickets.length; i += CHUNK) {
    const ids = tickets.slice(i, i + CHUNK).map((t) => t.id);
    const rows = await db
      .selectFrom("ticket_events")
      .select(["ticket_id", "type", "at", "severity", "status"])
      .where("workspace_id", "=", workspaceId)
      .where("ticket_id", "in", ids)
      .orderBy("ticket_id")
      .orderBy("seq")
      .execute();
    for (const r of rows) {
      let list = events.get(r.ticket_id);
      if (!list) {
        list = [];
        events.set(r.ticket_id, list);
      }
      list.push({
        type: r.type as EventArg["type"],
        at: new Date(r.at).toISOString(),
        severity: r.severity,
        status: r.status as EventArg["status"],
        author: null,
        body: null,
        source_key: null,
      });
    }
    const rated = await db
      .selectFrom("ticket_satisfaction")
      .select(["ticket_id", "score", "note"])
      .where("workspace_id", "=", workspaceId)
      .where("ticket_id", "in", ids)
      .execute();
    for (const r of rated) scores.set(r.ticket_id, { score: r.score, note: r.note });
  }
  const resolver = new PolicyResolver(db, workspaceId);
  const bySeverity = new Map<string, { count: number; cells: Record<MetricName, Acc> }>();
  const breached: TicketSection["breached"] = [];
  let breachedTotal = 0;
  let withoutPolicy = 0;
  let reopened = 0;
  let replies = 0;
  let bounced = 0;
  let escalated = 0;
  for (const t of tickets) {
    const evs = events.get(t.id) ?? [];
    let pending = 0;
    let reopen = false;
    let changed = false;
    for (const e of evs) {
      if (e.type === "agent_reply" || e.type === "customer_reply") replies++;
      else if (e.type === "reopened") reopen = true;
      else if (e.type === "severity_changed") changed = true;
      else if (e.type === "status" && e.status === "pending") pending++;
    }
    if (reopen) reopened++;
    if (changed) escalated++;
    if (pending > 2) bounced++;
    const sla = computeTicketSla(await resolver.resolve(t), evs, now);
    const timeline = sla.timeline;
    const severity = timeline?.severity ?? t.severity;
    let group = bySeverity.get(severity);
    if (!group) {
      group = { count: 0, cells: { first_response: acc(), next_response: acc(), resolution: acc() } };
      bySeverity.set(severity, group);
    }
    group.count++;
    if (!timeline) {
      withoutPolicy++;
      continue;
    }
    const hit: MetricName[] = [];
    for (const name of METRICS) {
      const m = timeline.metrics[name];
      if (!m) continue;
      const cell = group.cells[name];
      cell.tickets++;
      const isBreached = m.state === "breached" || m.breaches > 0;
      if (isBreached) {
        cell.breached++;
        hit.push(name);
      } else if (m.state === "met") cell.met++;
      else cell.open++;
      if (m.state === "met" || m.state === "breached") cell.minutes.push(m.elapsed_minutes);
    }
    if (hit.length) {
      breachedTotal++;
      if (breached.length < BREACHED_LISTED)
        breached.push({
          id: t.id,
          external_id: t.external_id,
          subject: t.subject,
          severity,
          opened_at: new Date(t.opened_at).toISOString(),
          metrics: hit,
          events: evs.map((e) => ({ type: e.type, at: e.at, status: e.status, severity: e.severity })),
        });
    }
  }
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let sum = 0;
  const low: TicketSection["satisfaction"]["low"] = [];
  for (const [ticketId, s] of scores) {
    distribution[s.score - 1]++;
    sum += s.score;
    if (s.score <= 2) low.push({ ticket_id: ticketId, score: s.score, note: s.note });
  }
  const n = tickets.length;
  const resolutionMinutes = [...bySeverity.values()].flatMap((g) => g.cells.resolution.minutes);
  return {
    count: n,
    without_policy: withoutPolicy,
    by_severity: [...bySeverity.keys()].sort().map((severity) => {
      const g = bySeverity.get(severity) as { count: number; cells: Record<MetricName, Acc> };
      return {
        severity,
        count: g.count,
        metrics: {
          first_response: cellOf(g.cells.first_response),
          next_response: cellOf(g.cells.next_response),
          resolution: cellOf(g.cells.resolution),
        },
      };
    }),
    resolution_p90_minutes: nearestRank(resolutionMinutes, 0.9),
    breached_total: breachedTotal,
    breached,
    reopen_rate_percent: n ? round((reopened / n) * 100, 2) : null,
    replies_per_ticket: n ? round(replies / n, 2) : null,
    bounced,
    escalated,
    satisfaction: {
      rated: scores.size,
      average: scores.size ? round(sum / scores.size, 2) : null,
      distribution,
      low,
    },
  };
}

interface Acc {
  tickets: number;
  met: number;
  breached: number;
  open: number;
  minutes: number[];
}

function acc(): Acc {
  return { tickets: 0, met: 0, breached: 0, open: 0, minutes: [] };
}

function cellOf(a: Acc): SlaCell {
  const stopped = a.met + a.breached;
  return {
    tickets: a.tickets,
    met: a.met,
    breached: a.breached,
    open: a.open,
    attainment_percent: stopped ? round((a.met / stopped) * 100, 2) : null,
    median_minutes: nearestRank(a.minutes, 0.5),
    p90_minutes: nearestRank(a.minutes, 0.9),
  };
}
