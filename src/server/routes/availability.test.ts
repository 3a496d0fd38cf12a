import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyMetrics, emptyTimings, type ProbeSample, storeSamples } from "../../probes/index.js";
import { pdfText } from "../../report/pdf-check.js";
import { dumpTerms, PracticeItems, type ReviewResult, ScenarioItems } from "../../terms/index.js";
import { buildTestApp, type TestApp } from "../testing.js";

let t: TestApp;
let contractId = "";
let probeId = "";
const NOW = new Date("2026-10-20T04:00:00Z");
const span = (text: string, line: number) => ({ start: 0, end: text.length, line, text });
const nulls = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, null]));

function termsYaml(): string {
  const review = {
    schema: "termsight.review/v1",
    document: { name: "trtc-sla.txt", language: "zh", chars: 100, sha256: "0".repeat(64) },
    scenario: "social-1v1",
    commitments: {
      availability: {
        target_percent: 99.95,
        window: "month",
        formula: "slots",
        evidence: [span("服务可用性不低于99.95%", 3)],
      },
      credits: {
        tiers: [
          { below_percent: 99.95, credit_percent: 10 },
          { below_percent: 99, credit_percent: 25 },
        ],
        form: "voucher",
        cap_percent: null,
        claim_deadline_days: null,
        vendor_records_prevail: true,
        evidence: [span("以代金券形式赔偿,以腾讯云记录为准", 9)],
      },
      support: null,
      rca: null,
      maintenance: { notice_hours: 72, window: null, evidence: [] },
      upgrades: null,
      data_exit: null,
      exclusions: [],
      scenario: {
        ...nulls(Object.keys(ScenarioItems.shape)),
        connect_time_ms: { value: 600, evidence: [span("接通时间小于600ms", 12)] },
      },
      practice: nulls(Object.keys(PracticeItems.shape)),
    },
    findings: [],
    score: { overall: 50, topics: {} },
  } as unknown as ReviewResult;
  return dumpTerms(review, { vendor: "腾讯云" });
}

const sample = (at: string, ok: boolean): ProbeSample => ({
  probe_id: probeId,
  url: "https://trtc.example/health",
  kind: "http",
  region: "cn-shanghai",
  at,
  ok,
  degraded: false,
  blocked: false,
  attempt: 1,
  status: ok ? 200 : 503,
  error: ok ? null : "unexpected status 503",
  timings_ms: { ...emptyTimings(), total: 50 },
  metrics: emptyMetrics(),
});

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  const vendorId = (
    await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "腾讯云" },
    })
  ).json().id;
  const created = await t.as(t.users.editor, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/contracts?vendor_id=${vendorId}`,
    headers: { "content-type": "application/yaml" },
    payload: termsYaml(),
  });
  expect(created.statusCode).toBe(201);
  contractId = created.json().id;
  const probe = await t.as(t.users.editor, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/probes`,
    payload: { url: "https://trtc.example/health", vendor_id: vendorId },
  });
  probeId = probe.json().id;
  // 2026-09-03 10:05–10:10 (+08:00): five probe runs, all failed; 10:00 and 10:10 fine.
  const samples = ["10:00", "10:05", "10:06", "10:07", "10:08", "10:09", "10:10"].map((hm) =>
    sample(`2026-09-03T${hm}:30+08:00`, !hm.startsWith("10:0") || hm === "10:00"),
  );
  await storeSamples(t.store.db, {
    workspaceId: t.ws,
    agentId: null,
    batchId: null,
    receivedAt: NOW,
    skewFlagged: false,
    samples,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/v1/workspaces/${t.ws}/contracts/${contractId}`;
const CSV = [
  "timestamp,status,latency_ms",
  ...Array.from(
    { length: 100 },
    (_, i) =>
      `2026-09-25T06:${String(30 + Math.floor(i / 34)).padStart(2, "0")}:${String((i % 34) + 10)}Z,${i < 10 ? 500 : 200},90`,
  ),
  "oops,not,a,line",
].join("\n");

describe("availability routes", () => {
  it("settings: editors set the vendor formula and zone; viewers cannot; a bad formula is 400", async () => {
    const payload = { formula: "tencent-trtc", timezone: "Asia/Shanghai" };
    expect(
      (await t.as(t.users.viewer, { method: "PUT", url: `${base()}/availability/settings`, payload }))
        .statusCode,
    ).toBe(403);
    const bad = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/availability/settings`,
      payload: { formula: "nope" },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.as(t.users.editor, { method: "PUT", url: `${base()}/availability/settings`, payload });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ formula: "tencent-trtc", version: 1 });
    const stale = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/availability/settings`,
      payload: { ...payload, version: 7 },
    });
    expect(stale.statusCode).toBe(409);
    const read = await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability/settings` });
    expect(read.json()).toMatchObject({ formula: "tencent-trtc", timezone: "Asia/Shanghai" });
  });

  it("imports the customer's CSV log, reports broken lines, and is idempotent", async () => {
    const first = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/logs?name=rooms.csv`,
      headers: { "content-type": "text/csv" },
      payload: CSV,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      name: "rooms.csv",
      imported: 100,
      broken_count: 1,
      duplicate: false,
    });
    expect(first.json().broken[0].line).toBe(102);
    const again = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/logs`,
      payload: { name: "rooms.csv", text: CSV },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: `${base()}/logs`, payload: { text: CSV } }))
        .statusCode,
    ).toBe(403);
  });

  it("computes the month by the vendor's formula from probes and logs", async () => {
    const res = await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability?period=2026-09` });
    expect(res.statusCode).toBe(200);
    const { report, credit, claim_window } = res.json();
    expect(report.formula.id).toBe("tencent-trtc");
    expect(report.down_slots.map((s: { start: string; sources: string[] }) => [s.start, s.sources])).toEqual([
      ["2026-09-03T10:05:00+08:00", ["probe"]],
      ["2026-09-25T14:30:00+08:00", ["logs"]],
    ]);
    expect(report.measured_percent).toBeCloseTo((1 - 10 / 43200) * 100, 5);
    expect(credit).toMatchObject({ owed: false, credit_percent: 0 }); // 99.977% meets 99.95%
    expect(claim_window).toMatchObject({ opens: "2026-10-13", deadline: "2026-12-11" });
  });

  it("offers no letter for a month where no credit is owed, and says why", async () => {
    const res = await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability?period=2026-09` });
    expect(res.json().letter).toMatchObject({ offered: false, reason: "commitment_met" });
    const letter = await t.as(t.users.viewer, { method: "GET", url: `${base()}/claim?period=2026-09` });
    expect(letter.statusCode).toBe(409);
    expect(letter.json().detail).toContain("no claim letter for 2026-09 (commitment_met)");
  });

  it("renders the letter of a month with outages as runs, with the per-minute evidence as CSV", async () => {
    // 2026-08-10 10:00–11:00 (+08:00): every probe run failed; one guard-refused sample at 12:00 is no data.
    const down = Array.from({ length: 60 }, (_, i) =>
      sample(`2026-08-10T10:${String(i).padStart(2, "0")}:30+08:00`, false),
    );
    const refused = { ...sample("2026-08-10T12:00:30+08:00", false), blocked: true, status: null };
    await storeSamples(t.store.db, {
      workspaceId: t.ws,
      agentId: null,
      batchId: null,
      receivedAt: NOW,
      skewFlagged: false,
      samples: [sample("2026-08-10T09:59:30+08:00", true), ...down, refused],
    });
    const res = await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability?period=2026-08` });
    const { report, letter } = res.json();
    expect(report.down_minutes).toBe(60);
    expect(report.down_runs).toHaveLength(1);
    expect(report.down_runs[0]).toMatchObject({ minutes: 60, slots: 12, requests: 60, failures: 60 });
    expect(report.no_data_samples.guard_refused).toBe(1);
    expect(letter).toEqual({ offered: true, reason: null, message: null });
    const html = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/claim?period=2026-08&lang=zh&format=html&timezone=Asia/Shanghai`,
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("2026-08-10T10:00:00+08:00");
    expect(html.body).toContain("evidence-2026-08.csv");
    const md = await t.as(t.users.viewer, { method: "GET", url: `${base()}/claim?period=2026-08` });
    expect(md.headers["content-type"]).toContain("text/markdown");
    expect(md.body).toContain("# Service credit claim — 腾讯云 — 2026-08");
    const pdf = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/claim?period=2026-08&lang=zh&format=pdf&timezone=Asia/Shanghai`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe('attachment; filename="claim-2026-08.pdf"');
    const pdfWords = pdfText(pdf.rawPayload).replace(/\s+/g, "");
    // the outage's start (its table cell wraps after the minutes), the down minutes, the evidence file
    expect(pdfWords).toContain("2026-08-10T10:00:");
    expect(pdfWords).toMatch(/计入的不可用分钟数[:：]60/);
    expect(pdfWords).toContain("evidence-2026-08.csv");
    expect(pdfWords).toContain("腾讯云");
    const refusedPdf = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/claim?period=2026-09&format=pdf`,
    });
    expect(refusedPdf.statusCode).toBe(409);
    const csv = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/claim/evidence.csv?period=2026-08`,
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain("evidence-2026-08.csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines).toHaveLength(61);
    expect(lines[1]).toBe(
      "1,2026-08-10T10:00:00+08:00,2026-08-10T10:01:00+08:00,1,1,503×1,cn-shanghai,probe,0",
    );
  });

  it("a month in progress counts only elapsed minutes; December on a CN calendar still answers", async () => {
    const oct = (
      await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability?period=2026-10` })
    ).json();
    // 2026-10-01T00:00+08:00 to NOW (2026-10-20T04:00Z) = 19 days 12 hours
    expect(oct.report.period).toMatchObject({ partial: true, minutes: 44640, elapsed_minutes: 28080 });
    expect(oct.report.no_data_minutes).toBe(28080);
    expect(oct.letter.reason).toBe("period_in_progress");
    const dec = await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability?period=2026-12` });
    expect(dec.statusCode).toBe(200);
    expect(dec.json().report.flags).toContain("not_started");
    expect(dec.json().claim_window).toMatchObject({ deadline: null, unknown: "no holiday data for 2027" });
  });

  it("judges the latency commitment read from the review (connect < 600 ms) per region", async () => {
    const timed = (at: string, region: string, connect: number): ProbeSample => ({
      ...sample(at, true),
      region,
      timings_ms: { ...emptyTimings(), connect, total: connect + 50 },
    });
    await storeSamples(t.store.db, {
      workspaceId: t.ws,
      agentId: null,
      batchId: null,
      receivedAt: NOW,
      skewFlagged: false,
      samples: [
        timed("2026-07-10T10:00:30+08:00", "sg", 1500),
        timed("2026-07-10T10:01:30+08:00", "sg", 300),
        timed("2026-07-10T10:00:30+08:00", "fra", 250),
      ],
    });
    const res = await t.as(t.users.viewer, { method: "GET", url: `${base()}/latency?period=2026-07` });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.met).toBe(false);
    expect(report.targets[0].target).toMatchObject({
      metric: "connect",
      below_ms: 600,
      from: "scenario.connect_time_ms",
    });
    expect(report.targets[0].regions.map((r: { region: string; met: boolean }) => [r.region, r.met])).toEqual(
      [
        ["fra", true],
        ["sg", false],
      ],
    );
    expect(report.targets[0].regions[1].breaching_samples.first[0]).toMatchObject({
      at: "2026-07-10T10:00:30+08:00",
      value_ms: 1500,
    });
    const bad = await t.as(t.users.viewer, { method: "GET", url: `${base()}/latency?period=2026-7` });
    expect(bad.statusCode).toBe(400);
    const outsider = await t.as(t.users.outsider, { method: "GET", url: `${base()}/latency?period=2026-07` });
    expect(outsider.statusCode).toBe(404);
  });

  it("answers 400 for a bad period, 401 anonymous, 404 for another workspace or an unknown contract", async () => {
    expect(
      (await t.as(t.users.viewer, { method: "GET", url: `${base()}/availability?period=2026-13` }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.as(null, { method: "GET", url: `${base()}/availability?period=2026-09` })).statusCode,
    ).toBe(401);
    expect(
      (await t.as(t.users.outsider, { method: "GET", url: `${base()}/availability?period=2026-09` }))
        .statusCode,
    ).toBe(404);
    const unknown = `/api/v1/workspaces/${t.ws}/contracts/nope/availability?period=2026-09`;
    expect((await t.as(t.users.viewer, { method: "GET", url: unknown })).statusCode).toBe(404);
  });

  it("records the credit claimed and received per month (audited), lists them, refuses bad input", async () => {
    const month = `${base()}/credit-records/2026-08`;
    const claim = await t.as(t.users.editor, {
      method: "PUT",
      url: `${month}/claim`,
      payload: { claimed_on: "2026-09-03", amount: 120.5, currency: "CNY", reference: "TC-42" },
    });
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({
      period: "2026-08",
      currency: "CNY",
      claim: { on: "2026-09-03", amount: 120.5, reference: "TC-42" },
      received: null,
      version: 1,
    });
    const got = await t.as(t.users.editor, {
      method: "PUT",
      url: `${month}/received`,
      payload: { received_on: "2026-10-01", amount: 100 },
    });
    expect(got.json()).toMatchObject({
      claim: { on: "2026-09-03", amount: 120.5 },
      received: { on: "2026-10-01", amount: 100 },
      currency: "CNY",
      version: 2,
    });
    const list = await t.as(t.users.viewer, { method: "GET", url: `${base()}/credit-records?from=2026-07` });
    expect(list.json().items.map((r: { period: string }) => r.period)).toEqual(["2026-08"]);
    const none = await t.as(t.users.viewer, { method: "GET", url: `${base()}/credit-records?from=2026-09` });
    expect(none.json().items).toEqual([]);
    const audit = await t.store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "credit_record")
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["claim", "receive"]);

    const bad = [
      { url: `${month}/claim`, payload: { claimed_on: "2026-02-30", amount: 1 }, field: /claimed_on/ },
      { url: `${month}/claim`, payload: { claimed_on: "2026-09-03", amount: -1 }, field: /amount/ },
      {
        url: `${month}/received`,
        payload: { received_on: "2026-10-01", amount: 1, currency: "yuan" },
        field: /currency/,
      },
      {
        url: `${base()}/credit-records/2026-13/claim`,
        payload: { claimed_on: "2026-09-03", amount: 1 },
        field: /period/,
      },
    ];
    for (const b of bad) {
      const res = await t.as(t.users.editor, { method: "PUT", url: b.url, payload: b.payload });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(res.json().detail).toMatch(b.field);
    }
    const viewer = await t.as(t.users.viewer, {
      method: "PUT",
      url: `${month}/claim`,
      payload: { claimed_on: "2026-09-03", amount: 1 },
    });
    expect(viewer.statusCode).toBe(403);
    const unknown = await t.as(t.users.editor, {
      method: "PUT",
      url: `/api/v1/workspaces/${t.ws}/contracts/nope/credit-records/2026-08/claim`,
      payload: { claimed_on: "2026-09-03", amount: 1 },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("is documented in the OpenAPI document", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    const paths = Object.keys(res.json().paths);
    for (const suffix of [
      "availability",
      "claim",
      "claim/evidence.csv",
      "latency",
      "logs",
      "availability/settings",
      "credit-records",
      "credit-records/{period}/claim",
      "credit-records/{period}/received",
    ]) {
      expect(paths).toContain(`/api/v1/workspaces/{ws}/contracts/{id}/${suffix}`);
    }
  });
});
