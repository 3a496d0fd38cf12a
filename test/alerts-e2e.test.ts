import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertChannel, createAlertJob, putAlertSettings, signWebhook } from "../src/alerts/index.js";
import { systemCtx } from "../src/context/index.js";
import {
  createAgent,
  ingestBatch,
  parseAllowlist,
  runProbe,
  SecretBox,
  signBatchBody,
} from "../src/probes/index.js";
import { jsonb, newId, type Store } from "../src/store/index.js";
import { storeBackends } from "../src/store/testing.js";
import { createTicket, DEMO_POLICY } from "../src/tickets/index.js";
import { type FakeVendor, startFakeVendor } from "./fake-vendor/index.js";

/**
 * Alerts that run by themselves, end to end: a fake vendor with an outage in two of three regions
 * → probe runs pushed by three regional agents (signed batches) → the alert job's rounds (run()
 * with an injected clock) → a signed webhook to a local receiver, then the recovery; a single-region
 * blip stays silent; a P1 ticket alerts at 75 % and at breach, once each; an RCA past its
 * business-day deadline alerts.
 */
const MIN = 60_000;
// Monday 2026-11-02 10:00 in Shanghai.
const T0 = Date.parse("2026-11-02T02:00:00Z");
const SECRET = "whsec-e2e";
const REGIONS = ["cn-east", "cn-north", "cn-south"];

interface Received {
  body: Record<string, unknown>;
  signatureOk: boolean;
}

const cnCalendar = {
  timezone: "Asia/Shanghai",
  region: "CN",
  hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00-18:00"]])),
};

describe.each(storeBackends())("alerts end to end on $name", ({ open }) => {
  let store: Store;
  let vendor: FakeVendor;
  let receiver: Server;
  const received: Received[] = [];
  const box = new SecretBox(randomBytes(32));
  const allow = parseAllowlist(["127.0.0.1"]);
  const job = createAlertJob({ box, send: { allow, timeoutMs: 3000 } });
  let ws = "";
  let vendorId = "";
  const agents: Record<string, Awaited<ReturnType<typeof createAgent>>> = {};
  const probes = { outage: newId(), blip: newId() };

  const round = async (at: number) => {
    const logs: unknown[] = [];
    await job.run({
      store,
      scheduledFor: new Date(at),
      now: () => new Date(at),
      signal: new AbortController().signal,
      log: (m, d) => logs.push([m, d]),
    });
    return logs;
  };

  /** One probe run per region at `at`, the regions in `down` seeing the vendor fail; each agent pushes its batch. */
  const probeMinute = async (probeId: string, at: number, down: string[]) => {
    for (const region of REGIONS) {
      vendor.setFaults(down.includes(region) ? { errorRate: 1 } : {});
      const sample = await runProbe({
        ctx: { region, allow, now: () => new Date(at) },
        input: { probe: { id: probeId, kind: "http", url: `${vendor.url}/health`, timeout_ms: 3000 } },
      });
      const body = JSON.stringify({
        batch_id: `b-${newId()}`,
        sent_at: new Date(at + 1000).toISOString(),
        region,
        samples: [sample],
      });
      const stored = await ingestBatch({
        ctx: { db: store.db, now: new Date(at + 1000), maxSkewMs: 60_000 },
        input: { agent: agents[region], rawBody: body, signature: signBatchBody(body, agents[region].token) },
      });
      expect(stored.stored).toBe(1);
    }
    vendor.setFaults({});
  };

  beforeAll(async () => {
    store = await open();
    vendor = await startFakeVendor();
    receiver = createServer((req: IncomingMessage, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const ts = Number(req.headers["x-termsight-timestamp"]);
        received.push({
          body: JSON.parse(body) as Record<string, unknown>,
          signatureOk: req.headers["x-termsight-signature"] === signWebhook(SECRET, ts, body),
        });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    ws = newId();
    vendorId = newId();
    const db = store.db;
    await db.insertInto("workspaces").values({ id: ws, name: "Acme" }).execute();
    await db.insertInto("vendors").values({ id: vendorId, workspace_id: ws, name: "RTC Vendor" }).execute();
    const contractId = newId();
    await db
      .insertInto("contracts")
      .values({
        id: contractId,
        workspace_id: ws,
        vendor_id: vendorId,
        name: "RTC 服务协议",
        terms_yaml: "schema: termsight.terms/v1\n",
        terms: jsonb({
          schema: "termsight.terms/v1",
          vendor: "RTC Vendor",
          commitments: {
            rca: {
              committed: true,
              deadline_hours: null,
              deadline_business_days: 2,
              contents: [],
              evidence: [],
            },
          },
        }),
      })
      .execute();
    await db
      .insertInto("availability_settings")
      .values({
        contract_id: contractId,
        workspace_id: ws,
        formula: "generic-time",
        timezone: "Asia/Shanghai",
        calendar: jsonb(cnCalendar),
        probe_ids: jsonb(null),
        monthly_fee: null,
        currency: null,
        updated_at: new Date(T0),
      })
      .execute();
    for (const [key, name] of [
      ["outage", "room entry"],
      ["blip", "signalling"],
    ] as const) {
      await db
        .insertInto("probes")
        .values({
          id: probes[key],
          workspace_id: ws,
          vendor_id: vendorId,
          name,
          kind: "http",
          url: `${vendor.url}/health`,
          interval_s: 60,
          jitter_s: 0,
          timeout_ms: 3000,
          retries: 0,
          regions: jsonb(REGIONS),
          config: jsonb({}),
          enabled: true,
          created_by: null,
          created_at: new Date(T0 - 86_400_000),
        })
        .execute();
    }
    for (const region of REGIONS)
      agents[region] = await createAgent(db, {
        workspaceId: ws,
        name: `agent-${region}`,
        region,
        createdBy: null,
        now: new Date(T0 - 60 * MIN),
      });
    const ctx = systemCtx(store, ws, new Date(T0 - 60 * MIN));
    await putAlertSettings({ ctx, input: { lang: "zh", public_url: "https://termsight.example" } });
    await createAlertChannel(
      { ctx, input: { name: "ops hook", kind: "webhook", config: { url: hook, secret: SECRET } } },
      { box, send: { allow } },
    );
  }, 120_000);

  afterAll(async () => {
    await vendor?.close();
    await new Promise((r) => receiver?.close(r));
    await store?.close();
  });

  const firing = (key: string) =>
    received
      .filter((r) => r.body.key === key && r.body.status === "firing")
      .map((r) => r.body.title as string);

  it("N of M: an outage in two of three regions alerts once with per-region detail, then recovers; a one-region blip does not", async () => {
    await probeMinute(probes.outage, T0, []);
    await probeMinute(probes.blip, T0, []);
    await round(T0 + 30_000);
    expect(received).toHaveLength(0);

    await probeMinute(probes.outage, T0 + MIN, ["cn-east", "cn-north"]);
    await probeMinute(probes.blip, T0 + MIN, ["cn-south"]);
    await round(T0 + MIN + 30_000);
    const alerts = received.filter((r) => r.body.key === `probe:${probes.outage}`);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert.signatureOk).toBe(true);
    expect(alert.body).toMatchObject({
      schema: "termsight.alert/v1",
      status: "firing",
      severity: "page",
      lang: "zh",
    });
    expect(alert.body.title).toBe("room entry 在 3 个区域中有 2 个故障");
    const fields = Object.fromEntries(alert.body.fields as [string, string][]);
    expect(fields["cn-east"]).toMatch(/^故障 \(1\/1\): .*503.*\[assertion\]$/);
    expect(fields["cn-south"]).toBe("正常 (1/1)");
    expect(alert.body.url).toBe(`https://termsight.example/probes/${probes.outage}?ws=${ws}`);
    expect(received.filter((r) => r.body.key === `probe:${probes.blip}`)).toHaveLength(0);

    // still down next minute: deduplicated
    await probeMinute(probes.outage, T0 + 2 * MIN, ["cn-east", "cn-north"]);
    await round(T0 + 2 * MIN + 30_000);
    expect(received.filter((r) => r.body.key === `probe:${probes.outage}`)).toHaveLength(1);

    await probeMinute(probes.outage, T0 + 3 * MIN, []);
    await round(T0 + 3 * MIN + 30_000);
    const recovery = received.filter((r) => r.body.key === `probe:${probes.outage}`)[1];
    expect(recovery.body).toMatchObject({
      status: "resolved",
      title: "已恢复:room entry 在 3 个区域中有 2 个故障",
    });
    expect(recovery.signatureOk).toBe(true);
  }, 60_000);

  it("a P1 ticket alerts at 75 % and at breach, once each", async () => {
    const opened = T0 + 10 * MIN;
    const ticket = (await createTicket({
      ctx: systemCtx(store, ws, new Date(opened)),
      input: {
        vendor_id: vendorId,
        subject: "rooms fail to join",
        severity: "P1",
        policy: DEMO_POLICY,
        opened_at: new Date(opened).toISOString(),
      },
    })) as { id: string };
    const key = `ticket-sla:${ticket.id}`;
    await round(opened + 30 * MIN); // 50 %
    expect(firing(key)).toHaveLength(0);
    await round(opened + 46 * MIN); // past 45 min = 75 % of the 60-minute first response
    await round(opened + 50 * MIN);
    expect(firing(key)).toEqual([expect.stringMatching(/^P1 工单已用去 75% SLA 时间/)]);
    await round(opened + 61 * MIN);
    await round(opened + 70 * MIN);
    expect(firing(key)).toEqual([
      expect.stringMatching(/^P1 工单已用去 75% SLA 时间/),
      expect.stringMatching(/^升级:P1 工单已超出 SLA/),
    ]);
  }, 60_000);

  it("an RCA past its business-day deadline alerts once", async () => {
    const incident = newId();
    // resolved Friday 2026-11-06 17:00 Shanghai; 2 business days → due Tuesday 11-10 17:00
    await store.db
      .insertInto("incidents")
      .values({
        id: incident,
        workspace_id: ws,
        vendor_id: vendorId,
        ticket_id: null,
        title: "Room entry outage",
        severity: "P1",
        description: "",
        started_at: new Date("2026-11-06T08:00:00Z"),
        resolved_at: new Date("2026-11-06T09:00:00Z"),
        created_by: null,
      })
      .execute();
    const key = `rca:${incident}`;
    await round(Date.parse("2026-11-09T09:00:00Z")); // Monday 17:00: one business day later, not due
    expect(firing(key)).toHaveLength(0);
    await round(Date.parse("2026-11-10T10:00:00Z")); // Tuesday 18:00: past due
    await round(Date.parse("2026-11-10T11:00:00Z"));
    expect(firing(key)).toEqual([expect.stringMatching(/^RCA 报告逾期:Room entry outage/)]);
  }, 60_000);
});
