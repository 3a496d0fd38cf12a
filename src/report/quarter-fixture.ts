import { sql } from "kysely";
import type { Db } from "../context/index.js";
import { reviewDocument } from "../review/index.js";
import { jsonb, newId } from "../store/index.js";

/**
 * A quarter of evidence for one vendor, written straight into the store, for the report's tests
 * and the bench: a probe in two regions (minute and hour rollups) with outages, a data gap,
 * tickets across severities with known timings, incidents with RCA reports and maintenance notices.
 * The plan (`QuarterPlan`) is returned so a test can compute every figure independently.
 */
export interface QuarterPlan {
  workspaceId: string;
  vendorId: string;
  contractId: string;
  probeIds: string[];
  timezone: string;
  /** UTC instants of the quarter. */
  from: Date;
  to: Date;
  regions: string[];
  /** Failed minutes per region: [start, end) UTC. */
  outages: { region: string; start: Date; end: Date }[];
  /** Minutes without any sample in every region. */
  gaps: { start: Date; end: Date }[];
  maintenance: { title: string; notice_at: Date; start: Date; end: Date }[];
  tickets: TicketPlan[];
  incidents: {
    title: string;
    started_at: Date;
    resolved_at: Date;
    rca_after_hours: number | null;
    contents: string[];
  }[];
}

export interface TicketPlan {
  id: string;
  severity: string;
  created_severity: string;
  opened_at: Date;
  /** Minutes after opening, per event. */
  events: { type: string; after: number; status?: string; severity?: string }[];
  score: number | null;
}

/** Targets in minutes per severity (24×7): first response, next response, resolution. */
export const TARGETS: Record<string, [number, number, number]> = {
  P1: [30, 60, 240],
  P2: [60, 120, 480],
  P3: [240, 480, 1440],
  P4: [480, 960, 2880],
};
export const RCA_DEADLINE_HOURS = 72;
export const NOTICE_HOURS = 72;

const MIN = 60_000;
const HOUR = 3_600_000;
const sev = (i: number) => `P${1 + (i % 4)}`;

export const SLA_POLICY_YAML = `sla_policy:
  severities:
${Object.entries(TARGETS)
  .map(
    ([s, [fr, nr, res]]) =>
      `    ${s}:\n      first_response: { minutes: ${fr}, calendar: 24x7 }\n      next_response: { minutes: ${nr}, calendar: 24x7 }\n      resolution: { minutes: ${res}, calendar: 24x7 }`,
  )
  .join("\n")}
`;

/** The timings of ticket `i` (see the test for the figures they make). */
export function ticketPlan(i: number, opened: Date): TicketPlan {
  const s = sev(i);
  const [frT, nrT, resT] = TARGETS[s];
  const fr = frT * (i % 5 === 0 ? 1.5 : 0.5);
  const nr = nrT * (i % 7 === 0 ? 1.5 : 0.25);
  const res = resT * (i % 6 === 0 ? 1.2 : 0.8);
  const escalated = i % 9 === 4;
  const createdSeverity = escalated ? (s === "P4" ? "P3" : "P4") : s;
  const events: TicketPlan["events"] = [{ type: "created", after: 0, severity: createdSeverity }];
  if (escalated) events.push({ type: "severity_changed", after: 1, severity: s });
  events.push({ type: "agent_reply", after: fr });
  events.push({ type: "customer_reply", after: fr + 10 });
  events.push({ type: "agent_reply", after: fr + 10 + nr });
  let t = fr + 10 + nr;
  if (i % 10 === 3) {
    // handed back to the customer three times, five minutes pending each
    for (let k = 0; k < 3; k++) {
      events.push({ type: "status", after: t + 1, status: "pending" });
      events.push({ type: "customer_reply", after: t + 6 });
      events.push({ type: "agent_reply", after: t + 8 });
      t += 8;
    }
  }
  events.push({ type: "solved", after: res });
  if (i % 8 === 1) {
    events.push({ type: "reopened", after: res + 60 });
    events.push({ type: "solved", after: res + 90 });
  }
  return {
    id: `t-${String(i).padStart(3, "0")}`,
    severity: s,
    created_severity: createdSeverity,
    opened_at: opened,
    events,
    score: i % 3 === 0 ? 1 + (i % 5) : null,
  };
}

export interface QuarterOptions {
  regions?: string[];
  probes?: number;
  tickets?: number;
  /** Minutes between probe runs (1 by default). */
  intervalMinutes?: number;
  /** Hourly latency histogram per region index (23 buckets). */
  histograms?: number[][];
}

export const DEFAULT_HISTOGRAMS = [
  bucketCounts({ 6: 55, 9: 5 }),
  bucketCounts({ 7: 50, 10: 10 }),
  bucketCounts({ 5: 40, 8: 20 }),
];

export function bucketCounts(at: Record<number, number>): number[] {
  const h = new Array(23).fill(0);
  for (const [i, c] of Object.entries(at)) h[Number(i)] = c;
  return h;
}

/** Seeds 2026-Q4 (Asia/Shanghai) into a fresh workspace. */
export async function seedQuarter(db: Db, opts: QuarterOptions = {}): Promise<QuarterPlan> {
  const regions = opts.regions ?? ["fra", "sg"];
  const probeCount = opts.probes ?? 1;
  const ticketCount = opts.tickets ?? 200;
  const workspaceId = newId();
  const vendorId = newId();
  const contractId = newId();
  const timezone = "Asia/Shanghai";
  const from = new Date("2026-09-30T16:00:00Z");
  const to = new Date("2026-12-31T16:00:00Z");
  const local = (s: string) => new Date(`${s}+08:00`);
  await db.insertInto("workspaces").values({ id: workspaceId, name: "Report test" }).execute();
  await db
    .insertInto("vendors")
    .values({ id: vendorId, workspace_id: workspaceId, name: "Acme RTC" })
    .execute();
  const commitments = {
    availability: { target_percent: 99.9, evidence: [{ text: "月可用性不低于99.9%" }] },
    credits: {
      tiers: [
        { below_percent: 99.9, credit_percent: 10 },
        { below_percent: 99, credit_percent: 25 },
      ],
      form: "service_credit",
      cap_percent: null,
      claim_deadline_days: 30,
      vendor_records_prevail: false,
      evidence: [{ text: "低于99.9%按月费10%赔偿" }],
    },
    maintenance: { notice_hours: NOTICE_HOURS, excluded_from_availability: true, evidence: [] },
    rca: { deadline_hours: RCA_DEADLINE_HOURS, contents: ["cause", "impact", "timeline", "prevention"] },
  };
  await db
    .insertInto("contracts")
    .values({
      id: contractId,
      workspace_id: workspaceId,
      vendor_id: vendorId,
      name: "Acme RTC 2026",
      terms_yaml: `schema: termsight.terms/v1\nvendor: Acme RTC\n${SLA_POLICY_YAML}`,
      terms: jsonb({ schema: "termsight.terms/v1", vendor: "Acme RTC", commitments }),
      valid_from: "2026-01-01",
      valid_to: "2027-03-31",
    })
    .execute();
  await db
    .insertInto("availability_settings")
    .values({
      contract_id: contractId,
      workspace_id: workspaceId,
      formula: "generic-time",
      timezone,
      calendar: jsonb(null),
      probe_ids: jsonb(null),
      monthly_fee: 10000,
      currency: "CNY",
      updated_at: new Date(),
    })
    .execute();
  const probeIds: string[] = [];
  for (let p = 0; p < probeCount; p++) {
    const id = newId();
    probeIds.push(id);
    await db
      .insertInto("probes")
      .values({
        id,
        workspace_id: workspaceId,
        vendor_id: vendorId,
        name: `probe ${p + 1}`,
        kind: "http",
        url: "https://rtc.acme.example/health",
        interval_s: 60,
        jitter_s: 0,
        timeout_ms: 5000,
        retries: 0,
        regions: jsonb(regions),
        config: jsonb({}),
        enabled: true,
        created_by: null,
      })
      .execute();
  }
  const outages = [
    {
      region: regions[1] ?? regions[0],
      start: local("2026-10-10T02:00:00"),
      end: local("2026-10-10T02:45:00"),
    },
    { region: regions[0], start: local("2026-11-03T10:00:00"), end: local("2026-11-03T10:20:00") },
    ...regions.map((region) => ({
      region,
      start: local("2026-12-01T00:00:00"),
      end: local("2026-12-01T00:30:00"),
    })),
    // inside the maintenance window announced in time: excluded, not down
    { region: regions[0], start: local("2026-11-20T03:10:00"), end: local("2026-11-20T03:25:00") },
  ];
  const gaps = [{ start: local("2026-12-15T12:00:00"), end: local("2026-12-15T12:40:00") }];
  const histograms = opts.histograms ?? DEFAULT_HISTOGRAMS;
  for (const probeId of probeIds) {
    for (const [ri, region] of regions.entries()) {
      const failCase = outages
        .filter((o) => o.region === region)
        .map((o) => sql`(g.t >= ${o.start} and g.t < ${o.end})`);
      const failExpr = failCase.length ? sql.join(failCase, sql` or `) : sql`false`;
      const gapExpr = sql.join(
        gaps.map((g) => sql`(g.t >= ${g.start} and g.t < ${g.end})`),
        sql` or `,
      );
      const okHist = JSON.stringify(bucketCounts({ 6: 1 }));
      await sql`insert into probe_rollups (probe_id, workspace_id, region, resolution, bucket_start, count, ok, fail, degraded, histogram)
        select ${probeId}, ${workspaceId}, ${region}, 'minute', g.t, 1,
          case when ${failExpr} then 0 else 1 end, case when ${failExpr} then 1 else 0 end, 0,
          case when ${failExpr} then ${JSON.stringify(bucketCounts({}))}::jsonb else ${okHist}::jsonb end
        from generate_series(${from}::timestamptz, ${new Date(to.getTime() - MIN)}::timestamptz, ${`${opts.intervalMinutes ?? 1} minutes`}::interval) as g(t)
        where not (${gapExpr})`.execute(db);
      await sql`insert into probe_rollups (probe_id, workspace_id, region, resolution, bucket_start, count, ok, fail, degraded, histogram)
        select ${probeId}, ${workspaceId}, ${region}, 'hour', g.t, 60, 60, 0, 0, ${JSON.stringify(histograms[ri % histograms.length])}::jsonb
        from generate_series(${from}::timestamptz, ${new Date(to.getTime() - HOUR)}::timestamptz, interval '1 hour') as g(t)`.execute(
        db,
      );
    }
  }
  const maintenance = [
    {
      title: "Database upgrade",
      notice_at: new Date(local("2026-11-20T03:00:00").getTime() - 96 * HOUR),
      start: local("2026-11-20T03:00:00"),
      end: local("2026-11-20T04:00:00"),
    },
    {
      title: "Network change",
      notice_at: new Date(local("2026-12-20T03:00:00").getTime() - 24 * HOUR),
      start: local("2026-12-20T03:00:00"),
      end: local("2026-12-20T04:00:00"),
    },
  ];
  for (const m of maintenance) {
    const given = (m.start.getTime() - m.notice_at.getTime()) / HOUR;
    await db
      .insertInto("maintenance_notices")
      .values({
        id: newId(),
        workspace_id: workspaceId,
        vendor_id: vendorId,
        title: m.title,
        notice_at: m.notice_at,
        window_start: m.start,
        window_end: m.end,
        committed_hours: NOTICE_HOURS,
        notice_hours_given: given,
        late: given < NOTICE_HOURS,
        created_by: null,
      })
      .execute();
  }
  const span = to.getTime() - from.getTime() - 7 * 86_400_000;
  const tickets: TicketPlan[] = [];
  for (let i = 0; i < ticketCount; i++) {
    tickets.push(ticketPlan(i, new Date(from.getTime() + Math.floor((span * i) / ticketCount / MIN) * MIN)));
  }
  await insertTickets(db, workspaceId, vendorId, tickets);
  const incidents = [
    {
      title: "Signalling outage in Singapore",
      started_at: local("2026-10-10T02:00:00"),
      resolved_at: local("2026-10-10T02:45:00"),
      rca_after_hours: 48,
      contents: ["cause", "impact", "timeline", "prevention"],
    },
    {
      title: "Frankfurt media relay failure",
      started_at: local("2026-11-03T10:00:00"),
      resolved_at: local("2026-11-03T10:20:00"),
      rca_after_hours: 100,
      contents: ["cause", "impact", "timeline"],
    },
    {
      title: "Global login errors",
      started_at: local("2026-12-01T00:00:00"),
      resolved_at: local("2026-12-01T00:30:00"),
      rca_after_hours: null,
      contents: [],
    },
  ];
  for (const inc of incidents) {
    const id = newId();
    await db
      .insertInto("incidents")
      .values({
        id,
        workspace_id: workspaceId,
        vendor_id: vendorId,
        ticket_id: null,
        title: inc.title,
        severity: "P1",
        description: "",
        started_at: inc.started_at,
        resolved_at: inc.resolved_at,
        created_by: null,
      })
      .execute();
    if (inc.rca_after_hours != null)
      await db
        .insertInto("rca_reports")
        .values({
          id: newId(),
          workspace_id: workspaceId,
          incident_id: id,
          received_at: new Date(inc.resolved_at.getTime() + inc.rca_after_hours * HOUR),
          document_id: null,
          summary: "root cause report",
          contents: jsonb(inc.contents),
          created_by: null,
        })
        .execute();
  }
  await seedReview(db, workspaceId, vendorId);
  return {
    workspaceId,
    vendorId,
    contractId,
    probeIds,
    timezone,
    from,
    to,
    regions,
    outages,
    gaps,
    maintenance,
    tickets,
    incidents,
  };
}

async function insertTickets(
  db: Db,
  workspaceId: string,
  vendorId: string,
  plans: TicketPlan[],
): Promise<void> {
  // Under 32,767 bind parameters per statement (PGlite reads the count as a signed 16-bit number).
  const BATCH = 200;
  for (let b = 0; b < plans.length; b += BATCH) {
    const part = plans.slice(b, b + BATCH);
    const ids = new Map(part.map((p) => [p.id, `${workspaceId}-${p.id}`]));
    await db
      .insertInto("tickets")
      .values(
        part.map((p) => {
          const last = p.events[p.events.length - 1];
          return {
            id: ids.get(p.id) as string,
            workspace_id: workspaceId,
            vendor_id: vendorId,
            external_id: p.id,
            subject: `Ticket ${p.id}`,
            severity: p.severity,
            status: "solved",
            policy: jsonb(null),
            opened_at: p.opened_at,
            last_event_at: new Date(p.opened_at.getTime() + last.after * MIN),
            event_count: p.events.length,
            import_id: null,
            created_by: null,
          };
        }),
      )
      .execute();
    await db
      .insertInto("ticket_events")
      .values(
        part.flatMap((p) =>
          p.events.map((e, k) => ({
            id: newId(),
            workspace_id: workspaceId,
            ticket_id: ids.get(p.id) as string,
            seq: k + 1,
            type: e.type,
            at: new Date(p.opened_at.getTime() + e.after * MIN),
            severity: e.severity ?? null,
            status: e.status ?? null,
            author: null,
            body: null,
            source_key: null,
            created_by: null,
          })),
        ),
      )
      .execute();
    const rated = part.filter((p) => p.score != null);
    if (rated.length)
      await db
        .insertInto("ticket_satisfaction")
        .values(
          rated.map((p) => ({
            ticket_id: ids.get(p.id) as string,
            workspace_id: workspaceId,
            score: p.score as number,
            note: p.score === 1 ? "went round in circles" : "",
            rated_by: null,
          })),
        )
        .execute();
  }
}

/** A stored terms review of the vendor's SLA document: two high findings, one medium, one strength. */
async function seedReview(db: Db, workspaceId: string, vendorId: string): Promise<void> {
  const documentId = newId();
  const text = "服务可用性不低于99.9%。";
  await db
    .insertInto("documents")
    .values({
      id: documentId,
      workspace_id: workspaceId,
      vendor_id: vendorId,
      product_id: null,
      name: "acme-sla.txt",
      format: "txt",
      language: "zh",
      encoding: "utf-8",
      size_bytes: Buffer.byteLength(text),
      sha256: "0".repeat(64),
      version: 1,
      original: new TextEncoder().encode(text),
      text,
      created_by: null,
    })
    .execute();
  const finding = (id: string, severity: string, kind: string, title: string) => ({
    id,
    topic: "support.tiers",
    kind,
    severity,
    title,
    detail: "",
    evidence: [],
    ask: `Ask about ${id}`,
    suggested_clause: "",
  });
  await db
    .insertInto("reviews")
    .values({
      id: newId(),
      workspace_id: workspaceId,
      document_id: documentId,
      scenario: "general",
      lang: "zh",
      result: jsonb({
        // a real review of the text, with findings chosen so the report's figures are known
        ...reviewDocument({ name: "acme-sla.txt", text, language: "zh", sha256: "0".repeat(64) }),
        findings: [
          finding("missing.rca_deadline", "high", "missing", "未承诺RCA报告期限"),
          finding("vague.best_effort", "high", "vague", "“尽力而为”无量化承诺"),
          finding("exclusion.network", "medium", "exclusion", "网络波动免责过宽"),
          finding("strength.tam", "high", "strength", "专属技术经理"),
        ],
      }),
      score: 62,
      created_by: null,
    })
    .execute();
}
