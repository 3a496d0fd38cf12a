import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertChannel, deliverDue, putAlertSettings, signWebhook } from "../alerts/index.js";
import { systemCtx } from "../context/index.js";
import { parseAllowlist, SecretBox } from "../probes/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { type QuarterPlan, seedQuarter } from "./quarter-fixture.js";
import { runScheduledReports } from "./report-jobs.js";

const NOW = new Date("2027-01-02T06:00:00+08:00");
const SECRET = "whsec-report";

describe.each(storeBackends())("scheduled reports delivered to the alert channels on $name", ({ open }) => {
  let store: Store;
  let plan: QuarterPlan;
  let receiver: Server;
  const received: { body: Record<string, unknown>; signatureOk: boolean }[] = [];
  const box = new SecretBox(randomBytes(32));
  const allow = parseAllowlist(["127.0.0.1"]);

  beforeAll(async () => {
    store = await open();
    plan = await seedQuarter(store.db, { tickets: 10, intervalMinutes: 60 });
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
    const ctx = systemCtx(store, plan.workspaceId, NOW);
    await putAlertSettings({ ctx, input: { lang: "zh", public_url: "https://termsight.example" } });
    // routed to page alerts only: a report (routed as a ticket) does not go there
    await createAlertChannel(
      {
        ctx,
        input: {
          name: "pager",
          kind: "webhook",
          config: { url: `${hook}/pager`, secret: SECRET },
          severities: ["page"],
        },
      },
      { box, send: { allow } },
    );
    await createAlertChannel(
      { ctx, input: { name: "ops hook", kind: "webhook", config: { url: hook, secret: SECRET } } },
      { box, send: { allow } },
    );
  }, 600_000);
  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
    await store?.close();
  });

  it("the monthly run stores the report and sends one signed message with its link; a re-run sends nothing", async () => {
    const stored = await runScheduledReports(store, "monthly", NOW, NOW, undefined, "Asia/Shanghai");
    expect(stored).toBe(2);
    const sent = await deliverDue(store.db, { now: NOW, box, send: { allow } });
    expect(sent).toMatchObject({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const zh = await store.db
      .selectFrom("reports")
      .select("id")
      .where("workspace_id", "=", plan.workspaceId)
      .where("period", "=", "2026-12")
      .where("lang", "=", "zh")
      .executeTakeFirstOrThrow();
    const msg = received[0].body;
    expect(received[0].signatureOk).toBe(true);
    expect(msg).toMatchObject({
      key: `report:${zh.id}`,
      status: "report",
      severity: "ticket",
      lang: "zh",
      title: "月度 SLA 报告:Acme RTC 2026-12",
      url: `https://termsight.example/api/v1/workspaces/${plan.workspaceId}/reports/${zh.id}?ws=${plan.workspaceId}`,
    });
    expect((msg.fields as [string, string][]).map(([k]) => k)).toContain("可用性");
    // a caught-up or repeated run of the same slot announces nothing again
    await runScheduledReports(store, "monthly", NOW, NOW, undefined, "Asia/Shanghai");
    const again = await deliverDue(store.db, { now: new Date(NOW.getTime() + 60_000), box, send: { allow } });
    expect(again.sent).toBe(0);
    const { rows } = await sql<{ event: string; report_id: string | null; alert_id: string | null }>`
      select event, report_id, alert_id from alert_deliveries where event = 'report'`.execute(store.db);
    expect(rows).toEqual([{ event: "report", report_id: zh.id, alert_id: null }]);
  }, 300_000);
});
