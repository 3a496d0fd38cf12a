import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue, raiseAlert } from "../../alerts/index.js";
import { parseAllowlist, SecretBox } from "../../probes/index.js";
import type { Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { buildTestApp, type TestApp } from "../testing.js";

const envBefore = process.env.TERMSIGHT_ALERT_ALLOW;

describe.each(storeBackends())("alert channels API on $name", ({ open }) => {
  let store: Store;
  let t: TestApp;
  let strict: TestApp;
  let server: Server;
  let base = "";
  const key = randomBytes(32);
  let mode: "ok" | "500" | "dingtalk-bad-sign" = "ok";
  const bodies: string[] = [];
  const url = (p = "") => `/api/v1/workspaces/${t.ws}${p}`;

  beforeAll(async () => {
    store = await open();
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        bodies.push(body);
        if (mode === "500") {
          res.statusCode = 500;
          return res.end("boom");
        }
        if (req.url?.startsWith("/robot"))
          return res.end(
            JSON.stringify(
              mode === "dingtalk-bad-sign" ? { errcode: 310000, errmsg: "sign not match" } : { errcode: 0 },
            ),
          );
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.TERMSIGHT_ALERT_ALLOW = "127.0.0.1";
    t = await buildTestApp({ store, secretKey: key });
    delete process.env.TERMSIGHT_ALERT_ALLOW;
    strict = await buildTestApp({ store, secretKey: key });
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await strict.close();
    await store.close();
    await new Promise((r) => server.close(r));
    if (envBefore === undefined) delete process.env.TERMSIGHT_ALERT_ALLOW;
    else process.env.TERMSIGHT_ALERT_ALLOW = envBefore;
  });

  const create = (payload: Record<string, unknown>, app = t, ws = t.ws) =>
    app.as(app.users.admin, { method: "POST", url: `/api/v1/workspaces/${ws}/alert-channels`, payload });

  it("stores the config sealed, shows only a redacted target, and lists the allow-list and kinds", async () => {
    const res = await create({
      name: "ops",
      kind: "webhook",
      config: { url: `${base}/hook/tok-SECRET123`, secret: "whsec-SECRET456" },
      severities: ["page"],
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/SECRET123|SECRET456/);
    expect(res.json()).toMatchObject({
      kind: "webhook",
      status: "new",
      target: `${base}/hook/…`,
      severities: ["page"],
    });
    const row = await store.db
      .selectFrom("audit_log")
      .select("details")
      .where("entity", "=", "alert_channel")
      .execute();
    expect(JSON.stringify(row)).not.toMatch(/SECRET/);
    const stored = JSON.stringify(
      await (
        store.db as never as {
          selectFrom: (t: string) => { selectAll: () => { execute: () => Promise<unknown> } };
        }
      )
        .selectFrom("alert_channels")
        .selectAll()
        .execute(),
    );
    expect(stored).not.toMatch(/SECRET123|SECRET456/);
    const list = await t.as(t.users.viewer, { method: "GET", url: url("/alert-channels") });
    expect(list.json()).toMatchObject({
      allow: ["127.0.0.1"],
      kinds: ["webhook", "slack", "feishu", "dingtalk", "wecom", "email"],
    });
    expect(list.body).not.toMatch(/SECRET/);
  });

  it("bad input is a 400 naming the field; roles are checked", async () => {
    const bad = await create({ name: "x", kind: "pager", config: {} });
    expect([bad.statusCode, bad.json().detail]).toEqual([400, expect.stringMatching(/^body\.kind: /)]);
    const badUrl = await create({ name: "x", kind: "slack", config: { url: "not a url" } });
    expect([badUrl.statusCode, badUrl.json().detail]).toEqual([400, expect.stringMatching(/^config\.url: /)]);
    const badQuiet = await create({
      name: "x",
      kind: "webhook",
      config: { url: `${base}/hook` },
      quiet: { calendar: { timezone: "Nowhere/Atlantis" } },
    });
    expect([badQuiet.statusCode, badQuiet.json().detail]).toEqual([
      400,
      expect.stringMatching(/^quiet\.calendar: /),
    ]);
    const viewer = await t.as(t.users.viewer, {
      method: "POST",
      url: url("/alert-channels"),
      payload: { name: "x", kind: "webhook", config: { url: `${base}/hook` } },
    });
    expect(viewer.statusCode).toBe(403);
    const outsider = await t.as(t.users.outsider, { method: "GET", url: url("/alert-channels") });
    expect(outsider.statusCode).toBe(404);
  });

  it("send test: a working channel is ok; a 500, a wrong signing secret and a private address each show a clear status", async () => {
    const hook = (await create({ name: "hook", kind: "webhook", config: { url: `${base}/hook` } })).json();
    const test = (id: string, app = t) =>
      app.as(app.users.editor, {
        method: "POST",
        url: `/api/v1/workspaces/${app.ws}/alert-channels/${id}/test`,
      });
    mode = "ok";
    const ok = await test(hook.id);
    expect(ok.json()).toMatchObject({ ok: true, channel: { status: "ok", last_error: null } });
    mode = "500";
    const e500 = await test(hook.id);
    expect(e500.json()).toMatchObject({
      ok: false,
      detail: "http 500",
      channel: { status: "failing", last_error: "http 500" },
    });
    mode = "dingtalk-bad-sign";
    const ding = (
      await create({
        name: "ding",
        kind: "dingtalk",
        config: { url: `${base}/robot/send?access_token=t`, secret: "SECx" },
      })
    ).json();
    expect((await test(ding.id)).json()).toMatchObject({
      ok: false,
      channel: { status: "failing", last_error: "errcode 310000 (sign not match)" },
    });
    mode = "ok";
    const privateHook = (
      await create({ name: "private", kind: "webhook", config: { url: `${base}/hook` } }, strict, strict.ws)
    ).json();
    const refused = await test(privateHook.id, strict);
    expect(refused.json()).toMatchObject({
      ok: false,
      channel: {
        status: "failing",
        last_error: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/),
      },
    });
  });

  it("a failing channel loses no alert: the delivery is retried with backoff until it goes through", async () => {
    const channel = (
      await create({ name: "retry", kind: "webhook", config: { url: `${base}/hook` } })
    ).json();
    // only this channel routes the alert: the others are disabled
    const all = (await t.as(t.users.viewer, { method: "GET", url: url("/alert-channels") })).json().items;
    for (const c of all as { id: string }[])
      if (c.id !== channel.id)
        await t.as(t.users.admin, {
          method: "PATCH",
          url: url(`/alert-channels/${c.id}`),
          payload: { enabled: false },
        });
    const box = new SecretBox(key);
    const now = new Date("2026-11-02T02:00:00Z");
    const raised = await raiseAlert(
      store.db,
      t.ws,
      {
        key: "probe:retry",
        rule: "probe-regions",
        status: "firing",
        severity: "page",
        vendor_id: "v-retry",
        subject: "retry",
        message: { en: { title: "down", text: "" }, zh: { title: "故障", text: "" } },
      },
      { now },
    );
    expect(raised).toMatchObject({ notified: "firing", deliveries: 1 });
    const send = { allow: parseAllowlist(["127.0.0.1"]) };
    mode = "500";
    expect(await deliverDue(store.db, { now, box, send })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    // not due again before the backoff (1 minute after the first failure, then 2)
    expect(await deliverDue(store.db, { now: new Date(now.getTime() + 30_000), box, send })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await deliverDue(store.db, { now: new Date(now.getTime() + 60_000), box, send })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    const alerts = await t.as(t.users.viewer, { method: "GET", url: url("/alerts?status=firing") });
    const mine = alerts.json().items.find((a: { key: string }) => a.key === "probe:retry");
    expect(mine.deliveries).toEqual([
      expect.objectContaining({
        status: "pending",
        attempts: 2,
        last_error: "http 500",
        next_attempt_at: "2026-11-02T02:03:00.000Z",
      }),
    ]);
    mode = "ok";
    expect(await deliverDue(store.db, { now: new Date(now.getTime() + 3 * 60_000), box, send })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    const list = (await t.as(t.users.viewer, { method: "GET", url: url("/alert-channels") })).json();
    expect(list.items.find((c: { id: string }) => c.id === channel.id)).toMatchObject({ status: "ok" });
    // raising the same key again is deduplicated
    const again = await raiseAlert(
      store.db,
      t.ws,
      {
        key: "probe:retry",
        rule: "probe-regions",
        status: "firing",
        severity: "page",
        vendor_id: "v-retry",
        subject: "retry",
        message: { en: { title: "down", text: "" }, zh: { title: "故障", text: "" } },
      },
      { now },
    );
    expect(again.notified).toBeNull();
  });

  it("a channel sealed under another key says so instead of sending", async () => {
    const channel = (
      await create({ name: "rekeyed", kind: "webhook", config: { url: `${base}/hook` } })
    ).json();
    const other = await buildTestApp({ store, secretKey: randomBytes(32) });
    try {
      const res = await other.as(t.users.editor, {
        method: "POST",
        url: url(`/alert-channels/${channel.id}/test`),
      });
      expect(res.json()).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/does not open with the server's secret key/),
      });
    } finally {
      await other.close();
    }
  });

  it("is in the OpenAPI document, the kinds enum derived from the one list", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const post = spec.paths["/api/v1/workspaces/{ws}/alert-channels"].post;
    const schema = post.requestBody.content["application/json"].schema;
    expect(schema.properties.kind.enum).toEqual(["webhook", "slack", "feishu", "dingtalk", "wecom", "email"]);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/workspaces/{ws}/alert-channels/{id}/test",
        "/api/v1/workspaces/{ws}/alerts",
        "/api/v1/workspaces/{ws}/probes/{id}/status",
      ]),
    );
  });

  it("quiet hours hold a ticket until the channel's calendar opens; a page goes now", async () => {
    const calendar = {
      timezone: "Asia/Shanghai",
      hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00-18:00"]])),
    };
    const res = await create({
      name: "quiet",
      kind: "webhook",
      config: { url: `${base}/hook` },
      vendor_ids: ["v-quiet"],
      quiet: { calendar, hold: ["ticket"] },
    });
    expect(res.statusCode).toBe(201);
    const saturdayNight = new Date("2026-11-07T14:00:00Z"); // 22:00 in Shanghai
    const raise = (key: string, severity: "page" | "ticket") =>
      raiseAlert(
        store.db,
        t.ws,
        {
          key,
          rule: "terms-change",
          status: "firing",
          severity,
          vendor_id: "v-quiet",
          subject: key,
          message: { en: { title: key, text: "" }, zh: { title: key, text: "" } },
        },
        { now: saturdayNight },
      );
    const held = await raise("quiet:ticket", "ticket");
    const paged = await raise("quiet:page", "page");
    const items = (
      await t.as(t.users.viewer, { method: "GET", url: url("/alerts?status=firing&limit=200") })
    ).json().items;
    const quietId = res.json().id;
    const due = (id: string | null) =>
      items
        .find((a: { id: string }) => a.id === id)
        .deliveries.filter((d: { channel_id: string }) => d.channel_id === quietId)
        .map((d: { next_attempt_at: string }) => d.next_attempt_at);
    expect(due(held.alert_id)).toEqual(["2026-11-09T01:00:00.000Z"]); // Monday 09:00 Shanghai
    expect(due(paged.alert_id)).toEqual([saturdayNight.toISOString()]);
  });

  it("channels file: exported without secrets; an import updates routing by name and creates a missing-secret channel disabled", async () => {
    await create({
      name: "yaml-ops",
      kind: "webhook",
      config: { url: `${base}/hook/tok-YAMLSECRET1`, secret: "whsec-YAMLSECRET2" },
      severities: ["page"],
    });
    const exported = await t.as(t.users.viewer, { method: "GET", url: url("/alert-channels.yaml") });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/application\/yaml/);
    expect(exported.body).toContain("schema: termsight.alert-channels/v1");
    expect(exported.body).toContain("name: yaml-ops");
    expect(exported.body).toContain(`target: ${base}/hook/…`);
    expect(exported.body).not.toMatch(/SECRET|whsec|secret:/);
    const yaml = [
      "schema: termsight.alert-channels/v1",
      "channels:",
      "  - { name: yaml-ops, kind: webhook, severities: [page, ticket], vendor_ids: null, quiet: null, enabled: true }",
      "  - { name: from-git, kind: slack, target: https://hooks.slack.com/services/…, severities: null, vendor_ids: null, quiet: null }",
    ].join("\n");
    const denied = await t.as(t.users.editor, {
      method: "POST",
      url: url("/alert-channels.yaml"),
      payload: { yaml },
    });
    expect(denied.statusCode).toBe(403);
    const applied = await t.as(t.users.admin, {
      method: "POST",
      url: url("/alert-channels.yaml"),
      payload: { yaml },
    });
    expect(applied.statusCode).toBe(200);
    const byName = new Map((applied.json() as { name: string }[]).map((c) => [c.name, c]));
    expect(byName.get("yaml-ops")).toMatchObject({
      severities: ["page", "ticket"],
      enabled: true,
      target: `${base}/hook/…`,
    });
    expect(byName.get("from-git")).toMatchObject({
      kind: "slack",
      enabled: false,
      status: "failing",
      last_error: expect.stringMatching(/^secret missing/),
    });
    // enabling it without its config is refused; giving the config enables it
    const id = (byName.get("from-git") as unknown as { id: string }).id;
    const refused = await t.as(t.users.admin, {
      method: "PATCH",
      url: url(`/alert-channels/${id}`),
      payload: { enabled: true },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ detail: expect.stringMatching(/enabled.*secret missing/) });
    const bad = await t.as(t.users.admin, {
      method: "POST",
      url: url("/alert-channels.yaml"),
      payload: { yaml: "schema: termsight.alert-channels/v1\nchannels:\n  - { name: x, kind: pager }\n" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ detail: expect.stringContaining("channels.0.kind") });
  });

  it("probe status and N-of-M policy: 404 for an unknown probe, 400 for a bad policy", async () => {
    const status = await t.as(t.users.viewer, { method: "GET", url: url("/probes/nope/status") });
    expect(status.statusCode).toBe(404);
    const bad = await t.as(t.users.editor, {
      method: "PUT",
      url: url("/probes/nope/alert-policy"),
      payload: { min_failing_regions: 0 },
    });
    expect([bad.statusCode, bad.json().detail]).toEqual([
      400,
      expect.stringMatching(/^body\.min_failing_regions: /),
    ]);
  });
});
