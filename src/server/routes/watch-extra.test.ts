import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentsJson, maintenancesJson } from "../../watch/status/__fixtures__/statuspage-fixtures.js";
import { type FixtureSite, startFixtureSite } from "../../watch/testing/fixture-site.js";
import { buildTestApp, type TestApp } from "../testing.js";

let t: TestApp;
let site: FixtureSite;
let broken: FixtureSite;
let vendorId: string;
const previousAllow = process.env.TERMSIGHT_WATCH_ALLOW;
beforeAll(async () => {
  process.env.TERMSIGHT_WATCH_ALLOW = "127.0.0.1";
  t = await buildTestApp();
  site = await startFixtureSite();
  broken = await startFixtureSite();
  site.set("/api/v2/incidents.json", { body: incidentsJson(false), contentType: "application/json" });
  site.set("/api/v2/scheduled-maintenances.json", {
    body: maintenancesJson,
    contentType: "application/json",
  });
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
  await broken?.close();
  await t?.close();
});

describe("GET /workspaces/:ws/status-sources", () => {
  const base = () => `/api/v1/workspaces/${t.ws}`;
  it("lists sources with their state, error, last poll, map and the component names seen", async () => {
    const ok = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/status-sources`,
      payload: { vendor_id: vendorId, kind: "statuspage", url: site.origin, component_map: {} },
    });
    const bad = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/status-sources`,
      payload: { vendor_id: vendorId, kind: "feed", url: `${broken.origin}/feed.xml` },
    });
    const before = await t.as(t.users.viewer, { method: "GET", url: `${base()}/status-sources` });
    expect(before.statusCode).toBe(200);
    expect(before.json().items.map((s: { state: string }) => s.state)).toEqual(["pending", "pending"]);
    for (const id of [ok.json().id, bad.json().id])
      await t.as(t.users.editor, { method: "POST", url: `${base()}/status-sources/${id}/poll` });
    const after = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/status-sources?vendor_id=${vendorId}`,
    });
    const [first, second] = after.json().items;
    expect(first).toMatchObject({ id: ok.json().id, state: "ok", error: null, components: ["Voice API"] });
    expect(first.last_polled_at).not.toBeNull();
    expect(second).toMatchObject({ id: bad.json().id, state: "unreadable", components: [] });
    expect(second.error).toMatch(/404/);
    const other = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/status-sources?vendor_id=nope`,
    });
    expect(other.json().items).toEqual([]);
    expect((await t.as(null, { method: "GET", url: `${base()}/status-sources` })).statusCode).toBe(401);
    expect(
      (await t.as(t.users.outsider, { method: "GET", url: `${base()}/status-sources` })).statusCode,
    ).toBe(404);
  });
});
