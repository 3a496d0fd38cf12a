import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { buildTestApp, type TestApp } from "../testing.js";
import { routeModules } from "./index.js";

const NOW = new Date("2026-03-10T00:00:00Z");
const TERMS = `schema: termsight.terms/v1
commitments:
  rca: { committed: true, deadline_hours: 72, contents: [cause, impact, timeline, prevention], evidence: [] }
  maintenance: { notice_hours: 72, window: null, evidence: [] }
`;

// Load the route modules before building servers: on a busy machine their first import can
// outlast fastify's plugin timeout.
beforeAll(async () => {
  for (const m of routeModules) await m.load();
}, 120_000);

describe.each(storeBackends())("incident and maintenance routes on $name", ({ open }) => {
  let t: TestApp;
  const vendorId = "vendor-inc";
  const ws = (path: string) => `/api/v1/workspaces/${t.ws}${path}`;

  beforeAll(async () => {
    t = await buildTestApp({ store: await open(), now: () => NOW });
    await t.store.db
      .insertInto("vendors")
      .values({ id: vendorId, workspace_id: t.ws, name: "Vendor I", website: null, notes: null })
      .execute();
    await t.store.db
      .insertInto("contracts")
      .values({
        id: "c-inc",
        workspace_id: t.ws,
        vendor_id: vendorId,
        name: "I",
        terms_yaml: TERMS,
        terms: jsonb({
          commitments: {
            rca: { deadline_hours: 72, contents: ["cause", "impact", "timeline", "prevention"] },
            maintenance: { notice_hours: 72 },
          },
        }),
        valid_from: null,
        valid_to: null,
      })
      .execute();
  });
  afterAll(async () => {
    await t?.close();
    await t?.store.close();
  });

  it("checks RCA reports against the committed deadline: on time, late, missing", async () => {
    const mk = async (resolved: string) =>
      (
        await t.as(t.users.editor, {
          method: "POST",
          url: ws("/incidents"),
          payload: {
            vendor_id: vendorId,
            title: "outage",
            started_at: "2026-03-01T00:00:00Z",
            resolved_at: resolved,
          },
        })
      ).json();
    const onTime = await mk("2026-03-01T02:00:00Z");
    const late = await mk("2026-03-01T02:00:00Z");
    const missing = await mk("2026-03-01T02:00:00Z");
    expect(missing.rca).toMatchObject({
      verdict: "missing",
      committed_hours: 72,
      due_at: "2026-03-04T02:00:00.000Z",
    });
    const r1 = await t.as(t.users.editor, {
      method: "POST",
      url: ws(`/incidents/${onTime.id}/rca`),
      payload: { received_at: "2026-03-03T00:00:00Z", contents: ["cause", "impact"] },
    });
    expect(r1.statusCode).toBe(201);
    expect(r1.json().rca).toMatchObject({ verdict: "on_time", hours_late: 0 });
    expect(r1.json().rca.reports[0].missing_contents).toEqual(["timeline", "prevention"]);
    const r2 = await t.as(t.users.editor, {
      method: "POST",
      url: ws(`/incidents/${late.id}/rca`),
      payload: { received_at: "2026-03-05T02:00:00Z" },
    });
    expect(r2.json().rca).toMatchObject({ verdict: "late", hours_late: 24 });
    const list = await t.as(t.users.viewer, { method: "GET", url: ws("/incidents?limit=2") });
    expect(list.json().items).toHaveLength(2);
    expect(list.json().next_cursor).toBeTruthy();
    const got = await t.as(t.users.viewer, { method: "GET", url: ws(`/incidents/${missing.id}`) });
    expect(got.headers.etag).toBe('"1"');
    const patched = await t.as(t.users.editor, {
      method: "PATCH",
      url: ws(`/incidents/${missing.id}`),
      headers: { "if-match": '"1"' },
      payload: { resolved_at: "2026-03-09T12:00:00Z" },
    });
    expect(patched.json().rca.verdict).toBe("pending");
    expect(
      (
        await t.as(t.users.editor, {
          method: "PATCH",
          url: ws(`/incidents/${missing.id}`),
          payload: { title: "x", version: 1 },
        })
      ).statusCode,
    ).toBe(409);
  });

  it("flags maintenance notices given later than committed", async () => {
    const short = await t.as(t.users.editor, {
      method: "POST",
      url: ws("/maintenance-notices"),
      payload: {
        vendor_id: vendorId,
        title: "db upgrade",
        notice_at: "2026-03-08T00:00:00Z",
        window_start: "2026-03-09T00:00:00Z",
        window_end: "2026-03-09T02:00:00Z",
      },
    });
    expect(short.statusCode).toBe(201);
    expect(short.json()).toMatchObject({ notice_hours_given: 24, notice_hours_committed: 72, late: true });
    const fine = await t.as(t.users.editor, {
      method: "POST",
      url: ws("/maintenance-notices"),
      payload: {
        vendor_id: vendorId,
        title: "network",
        notice_at: "2026-03-01T00:00:00Z",
        window_start: "2026-03-09T00:00:00Z",
        window_end: "2026-03-09T02:00:00Z",
      },
    });
    expect(fine.json().late).toBe(false);
    const late = await t.as(t.users.viewer, { method: "GET", url: ws("/maintenance-notices?late=true") });
    expect(late.json().items.map((n: { title: string }) => n.title)).toEqual(["db upgrade"]);
  });

  it("corrects a maintenance notice and judges it again (audited); a viewer may not", async () => {
    const made = (
      await t.as(t.users.editor, {
        method: "POST",
        url: ws("/maintenance-notices"),
        payload: {
          vendor_id: vendorId,
          title: "cache",
          notice_at: "2026-03-01T00:00:00Z",
          window_start: "2026-03-09T00:00:00Z",
          window_end: "2026-03-09T02:00:00Z",
        },
      })
    ).json();
    expect(made).toMatchObject({ notice_hours_given: 192, late: false });
    const fixed = await t.as(t.users.editor, {
      method: "PATCH",
      url: ws(`/maintenance-notices/${made.id}`),
      payload: { title: "cache flush", notice_at: "2026-03-08T12:00:00Z" },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({
      title: "cache flush",
      notice_hours_given: 12,
      notice_hours_committed: 72,
      late: true,
      window_end: "2026-03-09T02:00:00.000Z",
    });
    const audit = await t.store.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "maintenance_notice")
      .where("entity_id", "=", made.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "update"]);
    const backwards = await t.as(t.users.editor, {
      method: "PATCH",
      url: ws(`/maintenance-notices/${made.id}`),
      payload: { window_end: "2026-03-08T00:00:00Z" },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().detail).toMatch(/body\.window_end/);
    const viewer = await t.as(t.users.viewer, {
      method: "PATCH",
      url: ws(`/maintenance-notices/${made.id}`),
      payload: { title: "no" },
    });
    expect(viewer.statusCode).toBe(403);
    const missing = await t.as(t.users.editor, {
      method: "PATCH",
      url: ws("/maintenance-notices/nope"),
      payload: { title: "no" },
    });
    expect(missing.statusCode).toBe(404);
  });

  const invalid = [
    {
      name: "incident without title",
      url: "/incidents",
      payload: { started_at: "2026-03-01T00:00:00Z" },
      field: /body\.title/,
    },
    {
      name: "resolved before start",
      url: "/incidents",
      payload: { title: "x", started_at: "2026-03-02T00:00:00Z", resolved_at: "2026-03-01T00:00:00Z" },
      field: /body\.resolved_at/,
    },
    {
      name: "bad instant",
      url: "/incidents",
      payload: { title: "x", started_at: "soon" },
      field: /body\.started_at/,
    },
    {
      name: "window end before start",
      url: "/maintenance-notices",
      payload: { title: "x", window_start: "2026-03-02T00:00:00Z", window_end: "2026-03-01T00:00:00Z" },
      field: /body\.window_end/,
    },
    {
      name: "unknown vendor",
      url: "/maintenance-notices",
      payload: {
        title: "x",
        vendor_id: "nope",
        window_start: "2026-03-02T00:00:00Z",
        window_end: "2026-03-03T00:00:00Z",
      },
      field: /body\.vendor_id/,
    },
  ];
  it.each(invalid)("400 on $name", async ({ url, payload, field }) => {
    const res = await t.as(t.users.editor, { method: "POST", url: ws(url), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(field);
  });

  it("400 on an RCA with unknown contents", async () => {
    const inc = (
      await t.as(t.users.editor, {
        method: "POST",
        url: ws("/incidents"),
        payload: { title: "y", started_at: "2026-03-01T00:00:00Z" },
      })
    ).json();
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: ws(`/incidents/${inc.id}/rca`),
      payload: { contents: ["gossip"] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/body\.contents/);
  });

  it("401 anonymous, 403 viewer write, 404 other workspace on every route", async () => {
    const id = (
      await t.as(t.users.editor, {
        method: "POST",
        url: ws("/incidents"),
        payload: { title: "z", started_at: "2026-03-01T00:00:00Z" },
      })
    ).json().id;
    const routes: { method: "GET" | "POST" | "PATCH"; path: string; write: boolean; payload?: object }[] = [
      { method: "GET", path: "/incidents", write: false },
      {
        method: "POST",
        path: "/incidents",
        write: true,
        payload: { title: "a", started_at: "2026-03-01T00:00:00Z" },
      },
      { method: "GET", path: `/incidents/${id}`, write: false },
      { method: "PATCH", path: `/incidents/${id}`, write: true, payload: { title: "b" } },
      { method: "POST", path: `/incidents/${id}/rca`, write: true, payload: {} },
      { method: "GET", path: "/maintenance-notices", write: false },
      {
        method: "POST",
        path: "/maintenance-notices",
        write: true,
        payload: { title: "m", window_start: "2026-03-02T00:00:00Z", window_end: "2026-03-03T00:00:00Z" },
      },
    ];
    for (const r of routes) {
      expect((await t.as(null, { method: r.method, url: ws(r.path), payload: r.payload })).statusCode).toBe(
        401,
      );
      if (r.write)
        expect(
          (await t.as(t.users.viewer, { method: r.method, url: ws(r.path), payload: r.payload })).statusCode,
        ).toBe(403);
      expect(
        (await t.as(t.users.outsider, { method: r.method, url: ws(r.path), payload: r.payload })).statusCode,
      ).toBe(404);
    }
    expect(
      (
        await t.as(t.users.outsider, {
          method: "GET",
          url: `/api/v1/workspaces/${t.otherWs}/incidents/${id}`,
        })
      ).statusCode,
    ).toBe(404);
  });
});
