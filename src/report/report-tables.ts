import { type LabelKey, label, labelOr, type ReportLang } from "./labels.js";
import type { MetricName, ReportModel } from "./report-model.js";

export type Cell = string | number | boolean | null;

/** One table of the report: what HTML and PDF draw and what one CSV file holds. */
export interface ReportTable {
  /** File-name-safe id (`availability`, `tickets-sla`, …). */
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  note?: string;
}

const METRICS: MetricName[] = ["first_response", "next_response", "resolution"];

/** The report's tables in reading order, headed in `lang`. */
export function reportTables(m: ReportModel, lang: ReportLang): ReportTable[] {
  const tr = (k: LabelKey) => label(lang, k);
  const avail = m.availability;
  const tables: ReportTable[] = [];
  tables.push({
    id: "summary",
    title: tr("summary"),
    columns: [tr("metric"), tr("current"), tr("previous"), tr("delta")],
    rows: m.changes.length
      ? m.changes.map((c) => [
          labelOr(lang, c.metric),
          c.current,
          c.previous,
          c.delta == null
            ? null
            : `${c.delta > 0 ? "+" : ""}${c.delta}${c.direction ? ` (${tr(c.direction)})` : ""}`,
        ])
      : Object.entries(m.headline).map(([k, v]) => [labelOr(lang, k), v, null, null]),
  });
  tables.push({
    id: "availability",
    title: tr("availability"),
    columns: [
      tr("month"),
      tr("formula"),
      tr("target"),
      tr("measured"),
      tr("declared"),
      tr("met"),
      tr("downMinutes"),
      tr("excludedMinutes"),
      tr("noDataMinutes"),
      tr("errorBudget"),
    ],
    rows: [...avail.rows, ...(avail.total ? [avail.total] : [])].map((r) => [
      r.month === "total" ? tr("total") : r.month,
      r.formula,
      r.target_percent,
      r.measured_percent,
      r.vendor_declared_percent,
      r.met,
      r.down_minutes,
      r.excluded_minutes,
      r.no_data_minutes,
      r.error_budget_used_percent,
    ]),
  });
  const regionRows = avail.rows.flatMap((r) =>
    r.by_region.map((b) => [r.month, b.region, b.measured_percent, b.down_minutes] as Cell[]),
  );
  if (regionRows.length)
    tables.push({
      id: "availability-regions",
      title: `${tr("availability")} · ${tr("region")}`,
      columns: [tr("month"), tr("region"), tr("measured"), tr("downMinutes")],
      rows: regionRows,
    });
  tables.push({
    id: "outages",
    title: tr("outages"),
    columns: [tr("start"), tr("end"), tr("minutes")],
    rows: avail.outages.map((o) => [o.start, o.end, o.minutes]),
  });
  tables.push({
    id: "latency",
    title: tr("latency"),
    columns: [tr("region"), tr("samples"), "p50 ms", "p95 ms", "p99 ms"],
    rows: m.latency.rows.map((r) => [r.region, r.samples, r.p50_ms, r.p95_ms, r.p99_ms]),
    note: tr("latencyNote"),
  });
  tables.push({
    id: "tickets-sla",
    title: tr("tickets"),
    columns: [
      tr("severity"),
      tr("metric"),
      tr("ticketCount"),
      tr("met"),
      tr("breached"),
      tr("open"),
      tr("attainment"),
      tr("median"),
      tr("p90"),
    ],
    rows: m.tickets.by_severity.flatMap((s) =>
      METRICS.map((name) => {
        const c = s.metrics[name];
        return [
          s.severity,
          tr(name),
          c.tickets,
          c.met,
          c.breached,
          c.open,
          c.attainment_percent,
          c.median_minutes,
          c.p90_minutes,
        ];
      }),
    ),
  });
  const t = m.tickets;
  tables.push({
    id: "tickets-handling",
    title: tr("handling"),
    columns: [tr("metric"), tr("current")],
    rows: [
      [tr("ticketCount"), t.count],
      [tr("withoutPolicy"), t.without_policy],
      [tr("breachedTickets"), t.breached_total],
      [tr("reopenRate"), t.reopen_rate_percent],
      [tr("repliesPerTicket"), t.replies_per_ticket],
      [tr("bounced"), t.bounced],
      [tr("escalated"), t.escalated],
      [tr("satisfaction"), t.satisfaction.average],
      [tr("rated"), t.satisfaction.rated],
      ...t.satisfaction.distribution.map((n, i) => [`${tr("satisfaction")} = ${i + 1}`, n] as Cell[]),
    ],
  });
  tables.push({
    id: "tickets-breached",
    title: tr("breachedTickets"),
    columns: ["ID", tr("subject"), tr("severity"), tr("opened"), tr("breached"), tr("timeline")],
    rows: t.breached.map((b) => [
      b.external_id ?? b.id,
      b.subject,
      b.severity,
      b.opened_at,
      b.metrics.map((x) => tr(x)).join(", "),
      b.events
        .map(
          (e) =>
            `${e.at.slice(5, 16).replace("T", " ")} ${e.type}${e.status ? `:${e.status}` : ""}${e.severity ? `:${e.severity}` : ""}`,
        )
        .join("; "),
    ]),
    note: label(lang, "breachedListed")
      .replace("{n}", String(t.breached.length))
      .replace("{total}", String(t.breached_total)),
  });
  if (t.satisfaction.low.length)
    tables.push({
      id: "satisfaction-low",
      title: `${tr("satisfaction")} ≤ 2`,
      columns: ["ID", tr("satisfaction"), tr("subject")],
      rows: t.satisfaction.low.map((s) => [s.ticket_id, s.score, s.note]),
    });
  tables.push({
    id: "incidents",
    title: tr("incidents"),
    columns: [
      tr("incident"),
      tr("severity"),
      tr("start"),
      tr("end"),
      tr("duration"),
      tr("rca"),
      tr("rcaDue"),
      tr("rcaReceived"),
      tr("hoursLate"),
      tr("missingContents"),
    ],
    rows: m.incidents.rows.map((r) => [
      r.title,
      r.severity,
      r.started_at,
      r.resolved_at,
      r.duration_minutes,
      labelOr(lang, r.rca_verdict),
      r.rca_due_at,
      r.rca_received_at,
      r.rca_hours_late,
      r.rca_missing_contents.join(", "),
    ]),
    note: `${tr("committedRca")}: ${m.incidents.committed_rca_hours ?? tr("unknown")}`,
  });
  tables.push({
    id: "maintenance",
    title: tr("maintenance"),
    columns: [
      tr("subject"),
      tr("noticeAt"),
      tr("start"),
      tr("end"),
      tr("noticeGiven"),
      tr("noticeCommitted"),
      tr("late"),
    ],
    rows: m.maintenance.rows.map((r) => [
      r.title,
      r.notice_at,
      r.window_start,
      r.window_end,
      r.notice_hours_given,
      r.notice_hours_committed,
      r.late,
    ]),
  });
  tables.push({
    id: "credits",
    title: tr("credits"),
    columns: [
      tr("month"),
      tr("measured"),
      tr("creditPercent"),
      tr("amount"),
      tr("claimed"),
      tr("received"),
      tr("claimDeadline"),
      tr("daysLeft"),
    ],
    rows: m.credits.map((c) => [
      c.month,
      c.measured_percent,
      c.credit_percent,
      c.amount == null ? null : `${c.amount} ${c.currency ?? ""}`.trim(),
      c.claim ? recorded(c.claim.on, c.claim.amount, c.currency, c.claim.reference) : c.claimed,
      c.credit_received
        ? recorded(c.credit_received.on, c.credit_received.amount, c.currency, "")
        : c.received,
      c.claim_deadline,
      c.days_left,
    ]),
  });
  tables.push({
    id: "review",
    title: tr("review"),
    columns: [tr("finding"), tr("topic"), tr("ask")],
    rows: m.review.high_findings.map((f) => [f.title, f.topic, f.ask]),
    note: m.review.review_id
      ? `${m.review.document ?? ""} · ${m.review.reviewed_at?.slice(0, 10) ?? ""}`
      : tr("noReview"),
  });
  return tables;
}

/** A recorded claim or receipt as one cell: "2026-11-05 · 1000 CNY · CASE-7". */
function recorded(on: string, amount: number | null, currency: string | null, reference: string): string {
  const money = amount == null ? "" : `${amount} ${currency ?? ""}`.trim();
  return [on, money, reference].filter(Boolean).join(" · ");
}

/** A cell as text for people: unknown is "—", booleans are yes/no in the report's language. */
export function cellText(lang: ReportLang, v: Cell): string {
  if (v == null) return "—";
  if (typeof v === "boolean") return label(lang, v ? "yes" : "no");
  return String(v);
}
