import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { buildTestApp, type TestApp } from "../testing.js";
import { routeModules } from "./index.js";

const NOW = new Date("2026-03-02T12:00:00Z");
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000).toISOString();
const POLICY = {
  severities: {
    P1: { first_response: { minutes: 60 }, resolution: { minutes: 480 } },
    P2: { first_response: { minutes: 240 } },
  },
};

function multipart(
  files: { name: string; type: string; body: string }[],
  fields: Record<string, string> = {},
) {
  const boundary = "----termsight-test";
  const parts = [
    ...Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    ),
    ...files.map(
      (f) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n${f.body}\r\n`,
    ),
  ];
  return {
    payload: `${parts.join("")}--${boundary}--\r\n`,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

// Load the route modules before building servers: on a busy machine their first import can
// outlast fastify's plugin timeout.
beforeAll(async () => {
  for (const m of routeModules) await m.load();
}, 120_000);

describe.each(storeBackends())("ticket routes on $name", ({ open }) => {
  let t: TestApp;
  let vendorId: string;
  const url = (path = "") => `/api/v1/workspaces/${t.ws}/tickets${path}`;

  beforeAll(async () => {
    t = await buildTestApp({ store: await open(), now: () => NOW });
    vendorId = "vendor-routes";
    await t.store.db
      .insertInto("vendors")
      .values({
        id: vendorId,
        workspace_id: t.ws,
        name: "Vendor R",
        website: "https://vendor-r.test",
        notes: null,
      })
      .execute();
    const yaml = `schema: termsight.terms/v1\nsla_policy: ${JSON.stringify(POLICY)}\n`;
    await t.store.db
      .insertInto("contracts")
      .values({
        id: "c-routes",
        workspace_id: t.ws,
        vendor_id: vendorId,
        name: "R",
        terms_yaml: yaml,
        terms: jsonb({}),
        valid_from: null,
        valid_to: null,
      })
      .execute();
  });
  afterAll(async () => {
    await t?.close();
    await t?.store.close();
  });

  it("creates, lists with SLA state, reads, appends events with If-Match and patches", async () => {
    const created = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: {
        vendor_id: vendorId,
        external_id: "R-1",
        subject: "down",
        severity: "P1",
        opened_at: ago(50),
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const ticket = created.json();
    expect(ticket.sla.state).toBe("at_risk");
    const list = await t.as(t.users.viewer, { method: "GET", url: url("?sla=at_risk") });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
    expect((await t.as(t.users.viewer, { method: "GET", url: url("?sla=breached") })).json().items).toEqual(
      [],
    );
    const reply = await t.as(t.users.editor, {
      method: "POST",
      url: url(`/${ticket.id}/events`),
      headers: { "if-match": '"1"' },
      payload: { type: "agent_reply", at: ago(10) },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().sla.state).toBe("running");
    const stale = await t.as(t.users.editor, {
      method: "POST",
      url: url(`/${ticket.id}/events`),
      payload: { event: { type: "solved", at: ago(5) }, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    const one = await t.as(t.users.viewer, { method: "GET", url: url(`/${ticket.id}`) });
    expect(one.json().events).toHaveLength(2);
    expect(one.json().timeline.metrics.first_response.state).toBe("met");
    // the ticket detail names the contract and the calendar that time it
    expect(one.json()).toMatchObject({ policy_source: "contract", contract_id: "c-routes" });
    expect(one.json().timeline.metrics.first_response.calendar).toEqual(expect.any(String));
    const patched = await t.as(t.users.editor, {
      method: "PATCH",
      url: url(`/${ticket.id}`),
      headers: { "if-match": '"2"' },
      payload: { subject: "down (eu)" },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ subject: "down (eu)", version: 3 });
    expect(
      (
        await t.as(t.users.editor, {
          method: "PATCH",
          url: url(`/${ticket.id}`),
          payload: { subject: "x", version: 1 },
        })
      ).statusCode,
    ).toBe(409);
  });

  const invalid = [
    {
      name: "unknown severity",
      path: "",
      payload: { vendor_id: "vendor-routes", severity: "P9" },
      field: /body\.severity/,
    },
    { name: "missing severity", path: "", payload: { subject: "x" }, field: /body\.severity/ },
    {
      name: "bad opened_at",
      path: "",
      payload: { severity: "P1", opened_at: "2026-02-30T00:00:00Z" },
      field: /body/,
    },
  ];
  it.each(invalid)("400 on $name", async ({ path, payload, field }) => {
    const res = await t.as(t.users.editor, { method: "POST", url: url(path), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(field);
  });

  it("400 naming the field for out-of-order and unknown events", async () => {
    const created = (
      await t.as(t.users.editor, {
        method: "POST",
        url: url(),
        payload: { severity: "P1", opened_at: ago(30) },
      })
    ).json();
    const early = await t.as(t.users.editor, {
      method: "POST",
      url: url(`/${created.id}/events`),
      payload: { type: "agent_reply", at: ago(60) },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().detail).toMatch(/^body\.event\.at/);
    const unknown = await t.as(t.users.editor, {
      method: "POST",
      url: url(`/${created.id}/events`),
      payload: { type: "escalated", at: ago(1) },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/^body\.event\.type/);
  });

  it("409 with a stable code for an event the ticket's state does not take (a vendor reply on a solved ticket)", async () => {
    const created = (
      await t.as(t.users.editor, {
        method: "POST",
        url: url(),
        payload: { severity: "P2", opened_at: ago(30), events: [{ type: "solved", at: ago(20) }] },
      })
    ).json();
    const events = url(`/${created.id}/events`);
    const reply = await t.as(t.users.editor, {
      method: "POST",
      url: events,
      payload: { type: "agent_reply", at: ago(10) },
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.headers["content-type"]).toContain("application/problem+json");
    expect(reply.json().code).toBe("tickets.event_not_allowed");
    expect(reply.json().detail).toMatch(/is solved: "agent_reply" is not allowed/);
    // nothing was written: the ticket still has its two events at its version
    const one = (await t.as(t.users.viewer, { method: "GET", url: url(`/${created.id}`) })).json();
    expect(one.events.map((e: { type: string }) => e.type)).toEqual(["created", "solved"]);
    // what the state takes still goes in: the customer's reply reopens it, then the vendor answers
    for (const [type, at] of [
      ["customer_reply", ago(9)],
      ["agent_reply", ago(8)],
    ] as const) {
      const ok = await t.as(t.users.editor, { method: "POST", url: events, payload: { type, at } });
      expect(ok.statusCode).toBe(201);
    }
    const closed = await t.as(t.users.editor, {
      method: "POST",
      url: events,
      payload: { type: "closed", at: ago(7) },
    });
    expect(closed.statusCode).toBe(201);
    const afterClose = await t.as(t.users.editor, {
      method: "POST",
      url: events,
      payload: { type: "customer_reply", at: ago(6) },
    });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().code).toBe("tickets.event_not_allowed");
  });

  it("imports CSV (multipart), JSON (raw body) and reports progress; malformed files are 400 naming the line", async () => {
    const csv =
      "external_id,created_at,severity,subject\nI-1,2026-03-02T09:00:00Z,P1,a\nI-2,2026-03-02T10:00:00Z,P2,b\n";
    const mp = multipart([{ name: "t.csv", type: "text/csv", body: csv }], { vendor_id: vendorId });
    const res = await t.as(t.users.editor, { method: "POST", url: url("/import"), ...mp });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: "done", total: 2, done: 2 });
    const progress = await t.as(t.users.viewer, {
      method: "GET",
      url: `/api/v1/workspaces/${t.ws}/imports/${res.json().import_id}`,
    });
    expect(progress.json()).toMatchObject({ status: "done", done: 2, total: 2 });
    const json = [{ external_id: "I-3", created_at: "2026-03-02T11:00:00Z", severity: "P1" }];
    const raw = await t.as(t.users.editor, {
      method: "POST",
      url: url("/import?batch_size=1"),
      payload: json,
    });
    expect(raw.statusCode).toBe(201);
    const big = "external_id,created_at,severity\nJ-1,2026-03-02T09:00:00Z,P1\nJ-2,2026-03-02T09:00:00Z,P1\n";
    const bg = await t.as(t.users.editor, {
      method: "POST",
      url: url("/import?batch_size=1"),
      headers: { "content-type": "text/csv" },
      payload: big,
    });
    expect(bg.statusCode).toBe(202);
    let status = "running";
    for (let i = 0; i < 100 && status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (
        await t.as(t.users.viewer, {
          method: "GET",
          url: `/api/v1/workspaces/${t.ws}/imports/${bg.json().import_id}`,
        })
      ).json().status;
    }
    expect(status).toBe("done");
    const resumed = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/imports/${bg.json().import_id}/resume`,
    });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ status: "done", done: 2 });
    const bad = await t.as(t.users.editor, {
      method: "POST",
      url: url("/import"),
      headers: { "content-type": "text/csv" },
      payload: "external_id,created_at,severity\nK,2026-13-01T00:00:00Z,P1\n",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/:2: created_at/);
  });

  it("401 anonymous, 403 viewer write, 404 other workspace on every route", async () => {
    const id = (
      await t.as(t.users.editor, {
        method: "POST",
        url: url(),
        payload: { severity: "P1", opened_at: ago(5) },
      })
    ).json().id;
    const routes: { method: "GET" | "POST" | "PATCH"; path: string; write: boolean; payload?: unknown }[] = [
      { method: "GET", path: "", write: false },
      { method: "POST", path: "", write: true, payload: { severity: "P1" } },
      { method: "GET", path: `/${id}`, write: false },
      { method: "PATCH", path: `/${id}`, write: true, payload: { subject: "x" } },
      { method: "POST", path: `/${id}/events`, write: true, payload: { type: "agent_reply", at: ago(1) } },
      { method: "POST", path: "/import", write: true, payload: [] },
    ];
    for (const r of routes) {
      expect(
        (await t.as(null, { method: r.method, url: url(r.path), payload: r.payload as object })).statusCode,
      ).toBe(401);
      if (r.write)
        expect(
          (await t.as(t.users.viewer, { method: r.method, url: url(r.path), payload: r.payload as object }))
            .statusCode,
        ).toBe(403);
      expect(
        (await t.as(t.users.outsider, { method: r.method, url: url(r.path), payload: r.payload as object }))
          .statusCode,
      ).toBe(404);
    }
    const resume = `/api/v1/workspaces/${t.ws}/imports/nope/resume`;
    expect((await t.as(null, { method: "POST", url: resume })).statusCode).toBe(401);
    expect((await t.as(t.users.viewer, { method: "POST", url: resume })).statusCode).toBe(403);
    expect((await t.as(t.users.outsider, { method: "POST", url: resume })).statusCode).toBe(404);
    expect((await t.as(t.users.editor, { method: "POST", url: resume })).statusCode).toBe(404);
    const imports = `/api/v1/workspaces/${t.ws}/imports/nope`;
    expect((await t.as(null, { method: "GET", url: imports })).statusCode).toBe(401);
    expect((await t.as(t.users.outsider, { method: "GET", url: imports })).statusCode).toBe(404);
    expect((await t.as(t.users.viewer, { method: "GET", url: imports })).statusCode).toBe(404);
    // a ticket of this workspace is not reachable through the other workspace's url
    const otherUrl = `/api/v1/workspaces/${t.otherWs}/tickets/${id}`;
    expect((await t.as(t.users.outsider, { method: "GET", url: otherUrl })).statusCode).toBe(404);
  });
});
