import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureSite, startFixtureSite } from "../../watch/testing/fixture-site.js";
import { SLA_V1, slaHtml } from "../../watch/testing/sla-pages.js";
import { buildTestApp, type TestApp } from "../testing.js";

let t: TestApp;
let site: FixtureSite;
let vendorId: string;
const previousAllow = process.env.TERMSIGHT_WATCH_ALLOW;
beforeAll(async () => {
  process.env.TERMSIGHT_WATCH_ALLOW = "127.0.0.1";
  t = await buildTestApp();
  site = await startFixtureSite();
  site.set("/sla", { body: slaHtml(SLA_V1) });
  const v = await t.as(t.users.editor, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/vendors`,
    payload: { name: "Acme" },
  });
  vendorId = v.json().id;
});
afterAll(async () => {
  if (previousAllow === undefined) delete process.env.TERMSIGHT_WATCH_ALLOW;
  else process.env.TERMSIGHT_WATCH_ALLOW = previousAllow;
  await site?.close();
  await t?.close();
});

describe("watch routes", () => {
  const base = () => `/api/v1/workspaces/${t.ws}`;
  const decl = () => ({
    vendor_id: vendorId,
    name: "acme-sla",
    url: `${site.origin}/sla`,
    extract: { keep: ["article.sla"], remove: [".cookie"] },
  });

  it("puts a watch (editor only), lists it, exports and re-applies YAML", async () => {
    expect(
      (await t.as(t.users.viewer, { method: "PUT", url: `${base()}/watches`, payload: decl() })).statusCode,
    ).toBe(403);
    const bad = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/watches`,
      payload: { ...decl(), url: "ftp://x" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail ?? bad.json().title).toMatch(/url/);
    const put = await t.as(t.users.editor, { method: "PUT", url: `${base()}/watches`, payload: decl() });
    expect(put.statusCode).toBe(200);
    const list = await t.as(t.users.viewer, { method: "GET", url: `${base()}/watches` });
    expect(list.json()).toHaveLength(1);
    const yaml = await t.as(t.users.viewer, { method: "GET", url: `${base()}/watches.yaml` });
    expect(yaml.headers["content-type"]).toMatch(/yaml/);
    expect(yaml.body).toContain("schema: termsight.watch/v1");
    const applied = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/watches.yaml`,
      payload: { yaml: yaml.body },
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()[0].id).toBe(put.json().id);
    const broken = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/watches.yaml`,
      payload: { yaml: "schema: termsight.watch/v1\nwatches:\n  - name: x\n" },
    });
    expect(broken.statusCode).toBe(400);
    expect((await t.as(null, { method: "GET", url: `${base()}/watches` })).statusCode).toBe(401);
    const other = await t.as(t.users.outsider, { method: "GET", url: `${base()}/watches` });
    expect(other.statusCode).toBe(404);
  });

  it("dry-runs a declaration without storing, runs a full check, shows versions and the feed", async () => {
    const dry = await t.as(t.users.viewer, {
      method: "POST",
      url: `${base()}/watches/fetch-now`,
      payload: { declaration: { ...decl(), extract: { keep: ["#nope"] } } },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ outcome: "broken" });
    const id = (await t.as(t.users.viewer, { method: "GET", url: `${base()}/watches` })).json()[0].id;
    const ok = await t.as(t.users.viewer, {
      method: "POST",
      url: `${base()}/watches/${id}/fetch-now`,
      payload: {},
    });
    expect(ok.json()).toMatchObject({ outcome: "ok", changed: null });
    expect(
      (await t.as(t.users.viewer, { method: "GET", url: `${base()}/watches/${id}/versions` })).json(),
    ).toHaveLength(0);
    expect(
      (
        await t.as(t.users.viewer, {
          method: "POST",
          url: `${base()}/watches/${id}/fetch-now`,
          payload: { dry_run: false },
        })
      ).statusCode,
    ).toBe(403);
    const full = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/watches/${id}/fetch-now`,
      payload: { dry_run: false },
    });
    expect(full.json()).toMatchObject({ outcome: "changed" });
    expect(
      (await t.as(t.users.viewer, { method: "GET", url: `${base()}/watches/${id}/versions` })).json(),
    ).toHaveLength(1);
    const feed = await t.as(t.users.viewer, { method: "GET", url: `${base()}/term-changes.atom` });
    expect(feed.headers["content-type"]).toMatch(/atom\+xml/);
    expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  });

  it("adds a status source and refuses a bad one with 400", async () => {
    const bad = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/status-sources`,
      payload: { vendor_id: vendorId, kind: "pager", url: site.origin },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/status-sources`,
      payload: { vendor_id: vendorId, kind: "statuspage", url: site.origin },
    });
    expect(ok.statusCode).toBe(201);
    const polled = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/status-sources/${ok.json().id}/poll`,
    });
    expect(polled.json()).toMatchObject({ state: "unreadable" });
    const dvm = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/vendors/${vendorId}/declared-vs-measured?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z`,
    });
    expect(dvm.statusCode).toBe(200);
    expect(dvm.json()).toEqual({ incidents: [], maintenance: [], unreadable_sources: [site.origin] });
    const missing = await t.as(t.users.viewer, {
      method: "POST",
      url: `${base()}/contracts/nope/deadlines`,
      payload: {},
    });
    expect(missing.statusCode).toBe(404);
    const badDates = await t.as(t.users.viewer, {
      method: "POST",
      url: `${base()}/contracts/nope/deadlines`,
      payload: { dates: { term_end: "tomorrow" } },
    });
    expect(badDates.statusCode).toBe(400);
    const spec = await t.as(null, { method: "GET", url: "/api/openapi.json" });
    expect(Object.keys(spec.json().paths)).toContain("/api/v1/workspaces/{ws}/watches/{id}/fetch-now");
  });
});
