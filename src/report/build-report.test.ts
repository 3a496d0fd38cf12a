import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCreditClaim, recordCreditReceived } from "../availability/index.js";
import { systemCtx } from "../context/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { buildReport } from "./build-report.js";
import { inkedShare, pdfText } from "./pdf-check.js";
import {
  NOTICE_HOURS,
  type QuarterPlan,
  RCA_DEADLINE_HOURS,
  seedQuarter,
  TARGETS,
  type TicketPlan,
} from "./quarter-fixture.js";
import { renderReportCsv } from "./render-csv.js";
import { renderReportHtml } from "./render-html.js";
import { renderReportPdf } from "./render-pdf.js";
import type { ReportModel } from "./report-model.js";
import { parseReportPeriod, previousPeriod } from "./report-period.js";

const NOW = new Date("2027-01-10T00:00:00Z");
const MIN = 60_000;

describe("report periods", () => {
  it("reads months, quarters, halves, years and ranges", () => {
    expect(parseReportPeriod("2026-Q4")).toMatchObject({
      from: "2026-10-01",
      to: "2027-01-01",
      months: ["2026-10", "2026-11", "2026-12"],
    });
    expect(parseReportPeriod("2026-02")).toMatchObject({ from: "2026-02-01", to: "2026-03-01" });
    expect(parseReportPeriod("2026-H2").months).toHaveLength(6);
    expect(parseReportPeriod("2026").to).toBe("2027-01-01");
    expect(parseReportPeriod("2026-10-15..2026-11-14")).toMatchObject({
      to: "2026-11-15",
      months: ["2026-10", "2026-11"],
    });
    expect(previousPeriod(parseReportPeriod("2026-Q1")).label).toBe("2025-Q4");
    expect(previousPeriod(parseReportPeriod("2026-10-15..2026-11-14")).label).toBe("2026-09-14..2026-10-14");
  });
  it("rejects bad labels with one line naming the period", () => {
    expect(() => parseReportPeriod("2026-Q5")).toThrow(/^period: "2026-Q5" must be/);
    expect(() => parseReportPeriod("2026-02-30..2026-03-01")).toThrow(/period/);
    expect(() => parseReportPeriod("2026-03-01..2026-02-01")).toThrow(/after/);
  });
});

describe.each(storeBackends())("quarterly report on $name", ({ open }) => {
  let store: Store;
  let plan: QuarterPlan;
  let report: ReportModel;
  beforeAll(async () => {
    store = await open();
    plan = await seedQuarter(store.db);
    // What the buyer recorded on the Credits page: October's credit claimed and (partly) received.
    const editorCtx = systemCtx(store, plan.workspaceId, NOW);
    const month = { id: plan.contractId, period: "2026-10" };
    await recordCreditClaim({
      ctx: editorCtx,
      input: { ...month, claimed_on: "2026-11-05", amount: 1000, currency: "CNY", reference: "CASE-7" },
    });
    await recordCreditReceived({
      ctx: editorCtx,
      input: { ...month, received_on: "2026-12-01", amount: 800 },
    });
    report = await buildReport({
      ctx: systemCtx(store, plan.workspaceId, NOW),
      input: { vendor: "Acme RTC", period: "2026-Q4" },
    });
  }, 900_000);
  afterAll(async () => {
    await store?.close();
  });

  it("measures availability per month and region by the vendor formula, independently recomputed", () => {
    const expected = expectedAvailability(plan);
    expect(report.period).toMatchObject({ label: "2026-Q4", timezone: "Asia/Shanghai" });
    expect(report.availability.rows.map((r) => r.month)).toEqual(["2026-10", "2026-11", "2026-12"]);
    for (const row of [...report.availability.rows, report.availability.total]) {
      const e = expected.get(row?.month ?? "") as ExpectedMonth;
      expect(row?.target_percent).toBe(99.9);
      expect(row?.down_minutes).toBe(e.down);
      expect(row?.excluded_minutes).toBe(e.excluded);
      expect(row?.no_data_minutes).toBe(e.noData);
      expect(row?.measured_percent).toBeCloseTo(e.measured, 5);
      expect(row?.met).toBe(e.measured >= 99.9);
      expect(row?.vendor_declared_percent).toBeNull();
      expect(row?.error_budget_used_percent).toBeCloseTo(
        (e.down / (0.001 * (e.minutes - e.excluded))) * 100,
        1,
      );
      for (const region of plan.regions) {
        const r = row?.by_region.find((b) => b.region === region);
        expect(r?.down_minutes).toBe(e.regionDown.get(region));
      }
    }
    const oct = report.credits.find((c) => c.month === "2026-10");
    expect(oct).toMatchObject({
      credit_percent: 10,
      amount: 1000,
      currency: "CNY",
      claimed: true,
      received: true,
      claim: { on: "2026-11-05", amount: 1000, reference: "CASE-7" },
      credit_received: { on: "2026-12-01", amount: 800 },
    });
    expect(report.credits.find((c) => c.month === "2026-11")).toMatchObject({
      claimed: false,
      received: false,
      claim: null,
      credit_received: null,
    });
    expect(report.credits.filter((c) => c.credit_percent > 0)).toHaveLength(
      [...expected.values()].filter((e) => e.month !== "total" && e.measured < 99.9).length,
    );
    expect(report.availability.daily).toHaveLength(92);
    expect(report.availability.daily.find((d) => d.date === "2026-10-10")?.measured_percent).toBeCloseTo(
      ((1440 - 45) / 1440) * 100,
      5,
    );
  });

  it("gives latency quantiles per region from the hourly histograms", () => {
    // Hand-computed from the seeded histograms (linear inside a bucket):
    // fra: 55 in (75,100], 5 in (200,300]; sg: 50 in (100,150], 10 in (300,500].
    const row = (r: string) => report.latency.rows.find((x) => x.region === r);
    expect(row("fra")).toMatchObject({ p50_ms: 88.6, p95_ms: 240, p99_ms: 288 });
    expect(row("sg")).toMatchObject({ p50_ms: 130, p95_ms: 440, p99_ms: 488 });
    expect(row("all")).toMatchObject({ p50_ms: 105, p95_ms: 380, p99_ms: 476 });
    expect(row("all")?.samples).toBe(92 * 24 * 120);
  });

  it("counts tickets met and breached per severity and metric, with median and p90", () => {
    const expected = expectedTickets(plan.tickets);
    expect(report.tickets.count).toBe(200);
    expect(report.tickets.without_policy).toBe(0);
    for (const s of report.tickets.by_severity) {
      for (const metric of ["first_response", "next_response", "resolution"] as const) {
        const e = expected.cells.get(`${s.severity}/${metric}`) as Cell;
        const got = s.metrics[metric];
        expect({ sev: s.severity, metric, met: got.met, breached: got.breached }).toEqual({
          sev: s.severity,
          metric,
          met: e.met,
          breached: e.breached,
        });
        expect(got.median_minutes).toBe(rank(e.minutes, 0.5));
        expect(got.p90_minutes).toBe(rank(e.minutes, 0.9));
      }
    }
    expect(report.tickets.by_severity.map((s) => s.count)).toEqual([50, 50, 50, 50]);
    expect(report.tickets.breached_total).toBe(expected.breachedTickets);
    expect(report.tickets.reopen_rate_percent).toBeCloseTo((expected.reopened / 200) * 100, 2);
    expect(report.tickets.replies_per_ticket).toBeCloseTo(expected.replies / 200, 2);
    expect(report.tickets.bounced).toBe(expected.bounced);
    expect(report.tickets.escalated).toBe(expected.escalated);
    expect(report.tickets.satisfaction.rated).toBe(expected.scores.length);
    expect(report.tickets.satisfaction.average).toBeCloseTo(
      expected.scores.reduce((a, b) => a + b, 0) / expected.scores.length,
      2,
    );
    expect(report.tickets.satisfaction.low.length).toBe(expected.scores.filter((s) => s <= 2).length);
  });

  it("checks incidents, RCA reports and maintenance notices against the terms", () => {
    expect(report.incidents.rows.map((r) => r.duration_minutes)).toEqual(
      plan.incidents.map((i) => (i.resolved_at.getTime() - i.started_at.getTime()) / MIN),
    );
    expect(report.incidents.rows.map((r) => r.rca_verdict)).toEqual(
      plan.incidents.map((i) =>
        i.rca_after_hours == null ? "missing" : i.rca_after_hours <= RCA_DEADLINE_HOURS ? "on_time" : "late",
      ),
    );
    expect(report.incidents.rca).toMatchObject({ on_time: 1, late: 1, missing: 1 });
    expect(report.incidents.rows[1].rca_missing_contents).toEqual(["prevention"]);
    expect(report.maintenance.rows.map((r) => r.late)).toEqual(
      plan.maintenance.map((m) => (m.start.getTime() - m.notice_at.getTime()) / 3_600_000 < NOTICE_HOURS),
    );
    expect(report.maintenance.late).toBe(1);
  });

  it("lists the review's open high findings, the renewal date and quarter-over-quarter changes", () => {
    expect(report.review.high_findings.map((f) => f.id).sort()).toEqual([
      "missing.rca_deadline",
      "vague.best_effort",
    ]);
    expect(report.contract).toMatchObject({ valid_to: "2027-03-31", days_to_renewal: 80 });
    expect(report.previous?.label).toBe("2026-Q3");
    // Q3 has no evidence: its figures are unknown, so no change is claimed.
    expect(report.previous?.headline.availability_percent).toBeNull();
    const avail = report.changes.find((c) => c.metric === "availability_percent");
    expect(avail).toMatchObject({ previous: null, delta: null, direction: null });
    expect(report.headline.tickets).toBe(200);
  });

  it("renders one self-contained, escaped HTML page with the figures and SVG charts", () => {
    const hostile = { ...report, subject: { ...report.subject, vendor: '<script>alert("x")</script>' } };
    const html = renderReportHtml(hostile, "zh");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html).toContain("季度服务回顾");
    expect(html).toContain(String(report.availability.rows[0].measured_percent));
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(renderReportHtml(report, "en")).toContain("Quarterly service review");
  });

  it("writes one Excel-friendly CSV per table", () => {
    const files = renderReportCsv(report, "zh");
    const avail = files.find((f) => f.name === "availability.csv")?.text ?? "";
    expect(avail.startsWith("\uFEFF月份,")).toBe(true);
    const oct = avail.split("\r\n").find((l) => l.startsWith("2026-10"));
    expect(oct?.split(",")).toContain(String(report.availability.rows[0].measured_percent));
    expect(files.map((f) => f.name)).toContain("tickets-sla.csv");
    const credits = files.find((f) => f.name === "credits.csv")?.text ?? "";
    const octCredit = credits.split("\r\n").find((l) => l.startsWith("2026-10"));
    expect(octCredit).toContain("2026-11-05 · 1000 CNY · CASE-7");
    expect(octCredit).toContain("2026-12-01 · 800 CNY");
  });

  it("renders a PDF whose text holds the figures and the Chinese headings, and whose first page is not blank", async () => {
    const pdf = await renderReportPdf(report, "zh");
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const heading of ["季度服务回顾", "可用性", "工单", "事故与RCA报告", "服务赔偿", "维护通知"])
      expect(text).toContain(heading);
    expect(text).toContain(String(report.availability.rows[0].measured_percent));
    expect(text).toContain(String(report.tickets.breached_total));
    expect(inkedShare(pdf, 1)).toBeGreaterThan(0.01);
    const en = pdfText(await renderReportPdf(report, "en"));
    expect(en).toContain("Service credits");
  }, 60_000);

  it("refuses a missing subject and a bad period with one line", async () => {
    const ctx = systemCtx(store, plan.workspaceId, NOW);
    await expect(buildReport({ ctx, input: { vendor: "Nobody", period: "2026-Q4" } })).rejects.toThrow(
      "vendor Nobody not found",
    );
    await expect(buildReport({ ctx, input: { vendor: "Acme RTC", period: "Q4" } })).rejects.toThrow(
      /^period:/,
    );
  });
});

interface ExpectedMonth {
  month: string;
  minutes: number;
  excluded: number;
  down: number;
  noData: number;
  measured: number;
  regionDown: Map<string, number>;
}

/** Minute by minute from the plan: a minute is down when any region's probe failed in it, outside excluded maintenance. */
function expectedAvailability(plan: QuarterPlan): Map<string, ExpectedMonth> {
  const out = new Map<string, ExpectedMonth>();
  const monthOf = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 7);
  const inAny = (t: number, xs: { start: Date; end: Date }[]) =>
    xs.some((x) => t >= x.start.getTime() && t < x.end.getTime());
  const onTime = plan.maintenance.filter(
    (m) => (m.start.getTime() - m.notice_at.getTime()) / 3_600_000 >= NOTICE_HOURS,
  );
  for (let t = plan.from.getTime(); t < plan.to.getTime(); t += MIN) {
    for (const key of [monthOf(t), "total"]) {
      let m = out.get(key);
      if (!m) {
        m = { month: key, minutes: 0, excluded: 0, down: 0, noData: 0, measured: 0, regionDown: new Map() };
        for (const r of plan.regions) m.regionDown.set(r, 0);
        out.set(key, m);
      }
      m.minutes++;
      if (inAny(t, plan.gaps)) m.noData++;
      if (inAny(t, onTime)) {
        m.excluded++;
        continue;
      }
      const failed = plan.outages
        .filter((o) => t >= o.start.getTime() && t < o.end.getTime())
        .map((o) => o.region);
      if (failed.length) m.down++;
      for (const r of failed) m.regionDown.set(r, (m.regionDown.get(r) ?? 0) + 1);
    }
  }
  for (const m of out.values())
    m.measured = ((m.minutes - m.excluded - m.down) / (m.minutes - m.excluded)) * 100;
  return out;
}

interface Cell {
  met: number;
  breached: number;
  minutes: number[];
}

/** Replays each plan by hand on a 24×7 clock (targets from the final severity, measured from creation). */
function expectedTickets(plans: TicketPlan[]) {
  const cells = new Map<string, Cell>();
  const cell = (k: string) => {
    let c = cells.get(k);
    if (!c) {
      c = { met: 0, breached: 0, minutes: [] };
      cells.set(k, c);
    }
    return c;
  };
  let breachedTickets = 0;
  let reopened = 0;
  let replies = 0;
  let bounced = 0;
  let escalated = 0;
  const scores: number[] = [];
  for (const p of plans) {
    const [frT, nrT, resT] = TARGETS[p.severity];
    const ev = p.events;
    const firstReply = ev.find((e) => e.type === "agent_reply")?.after ?? 0;
    // next response: each customer reply until the next agent reply
    const cycles: number[] = [];
    let waiting: number | null = null;
    for (const e of ev) {
      if (e.type === "customer_reply" && waiting == null) waiting = e.after;
      if ((e.type === "agent_reply" || e.type === "solved") && waiting != null) {
        cycles.push(e.after - waiting);
        waiting = null;
      }
    }
    // resolution: running from creation, paused while pending or solved
    let res = 0;
    let since: number | null = 0;
    for (const e of ev.slice(1)) {
      const stops = e.type === "solved" || (e.type === "status" && e.status === "pending");
      const resumes = e.type === "reopened" || (e.type === "customer_reply" && since == null);
      if (stops && since != null) {
        res += e.after - since;
        since = null;
      } else if (resumes && since == null) since = e.after;
    }
    const outcomes: [string, boolean, number][] = [
      ["first_response", firstReply > frT, firstReply],
      ["next_response", cycles.some((c) => c > nrT), cycles[cycles.length - 1]],
      ["resolution", res > resT, res],
    ];
    let any = false;
    for (const [metric, breached, minutes] of outcomes) {
      const c = cell(`${p.severity}/${metric}`);
      if (breached) c.breached++;
      else c.met++;
      c.minutes.push(minutes);
      any ||= breached;
    }
    if (any) breachedTickets++;
    if (ev.some((e) => e.type === "reopened")) reopened++;
    replies += ev.filter((e) => e.type === "agent_reply" || e.type === "customer_reply").length;
    if (ev.filter((e) => e.type === "status" && e.status === "pending").length > 2) bounced++;
    if (p.created_severity !== p.severity) escalated++;
    if (p.score != null) scores.push(p.score);
  }
  return { cells, breachedTickets, reopened, replies, bounced, escalated, scores };
}

function rank(values: number[], q: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
}
