import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginSession, multipart, type TestApp } from "./testing.js";

/**
 * No data from another workspace is reachable by any route: every documented workspace route,
 * called by someone who is not a member, answers 404 (never 200, 401, 403 or 400) — with an
 * API token of another workspace and with a session of a non-member. Routes are read from the
 * OpenAPI document, so routes added later are covered without editing this file.
 */
let t: TestApp;
let routes: { method: string; path: string }[];
const otherIds: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths)
    .filter(([path]) => path.includes("{ws}"))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  // Things in the outsider's workspace, to ask for through the victim workspace's paths.
  const o = t.users.outsider;
  const base = `/api/v1/workspaces/${t.otherWs}`;
  otherIds.vendor = (
    await t.as(o, { method: "POST", url: `${base}/vendors`, payload: { name: "Theirs" } })
  ).json().id;
  const up = await t.as(o, {
    method: "POST",
    url: `${base}/documents`,
    ...multipart({}, { name: "theirs.txt", content: "P1 response within 15 minutes." }),
  });
  otherIds.document = up.json().document.id;
  otherIds.review = up.json().review.id;
  otherIds.contract = (
    await t.as(o, { method: "POST", url: `${base}/contracts`, payload: { review_id: otherIds.review } })
  ).json().id;
});
afterAll(async () => {
  await t?.close();
});

function fill(path: string, ws: string): string {
  return path.replace("{ws}", ws).replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
}

describe("workspace isolation", () => {
  it("finds the workspace routes in the OpenAPI document", () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it("every workspace route × a token of another workspace → 404", async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const res = await t.as(t.users.outsider, {
        method: r.method as "GET",
        url: fill(r.path, t.ws),
        payload: r.method === "GET" || r.method === "DELETE" ? undefined : {},
      });
      if (res.statusCode !== 404) failures.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("every workspace route × a session of a non-member → 404", async () => {
    const { cookie, csrf } = await loginSession(t.app, t.users.outsider.email, t.users.outsider.password);
    const failures: string[] = [];
    for (const r of routes) {
      const res = await t.app.inject({
        method: r.method as "GET",
        url: fill(r.path, t.ws),
        headers: { cookie, "x-csrf-token": csrf },
        payload: r.method === "GET" || r.method === "DELETE" ? undefined : {},
      });
      if (res.statusCode !== 404) failures.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  const items = [
    { kind: "vendor", path: "vendors" },
    { kind: "document", path: "documents" },
    { kind: "document", path: "documents", suffix: "/original" },
    { kind: "review", path: "reviews" },
    { kind: "contract", path: "contracts" },
  ];
  it.each(items)(
    "another workspace's $kind through your own workspace's path → 404",
    async ({ kind, path, suffix }) => {
      const res = await t.as(t.users.admin, {
        method: "GET",
        url: `/api/v1/workspaces/${t.ws}/${path}/${otherIds[kind]}${suffix ?? ""}`,
      });
      expect(res.statusCode).toBe(404);
    },
  );

  it("another workspace's documents cannot be compared, re-reviewed or turned into contracts", async () => {
    const base = `/api/v1/workspaces/${t.ws}`;
    const a = t.users.admin;
    expect(
      (
        await t.as(a, {
          method: "POST",
          url: `${base}/compare`,
          payload: { document_ids: [otherIds.document, otherIds.document] },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(a, {
          method: "POST",
          url: `${base}/reviews`,
          payload: { document_id: otherIds.document, scenario: "global" },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.as(a, { method: "POST", url: `${base}/contracts`, payload: { review_id: otherIds.review } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(a, {
          method: "POST",
          url: `${base}/documents`,
          ...multipart({ vendor_id: otherIds.vendor }, { name: "x.txt", content: "hello vendor" }),
        })
      ).statusCode,
    ).toBe(404);
  });

  it("lists never include another workspace's rows", async () => {
    for (const path of ["vendors", "documents", "reviews", "contracts", "audit"]) {
      const res = await t.as(t.users.admin, { method: "GET", url: `/api/v1/workspaces/${t.ws}/${path}` });
      const ids = JSON.stringify(res.json());
      for (const id of Object.values(otherIds)) expect(ids).not.toContain(id);
    }
  });
});
