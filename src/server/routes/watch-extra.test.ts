import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentsJson, maintenancesJson } from "../../watch/status/__fixtures__/statuspage-fixtures.js";
import { type FixtureSite, startFixtureSite } from "../../watch/testing/fixture-site.js";
import { buildTestApp, multipart, type TestApp } from "../testing.js";

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

describe("watch declarations in the contract's terms-as-code YAML", () => {
  const base = () => `/api/v1/workspaces/${t.ws}`;
  it("a contract's `watch:` entries become its vendor's watches (created, then replaced); bad entries are 400", async () => {
    const up = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/documents`,
      ...multipart(
        { vendor_id: vendorId },
        { name: "acme.txt", content: "Availability 99.9% per month.\nP1 response within 15 minutes.\n" },
      ),
    });
    const fromReview = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/contracts`,
      payload: { review_id: up.json().review.id, name: "Acme 2026" },
    });
    expect(fromReview.statusCode).toBe(201);
    const terms: string = fromReview.json().yaml;
    const withWatch = (url: string, extra = "") =>
      `${terms}\nwatch:\n  - name: acme-sla\n    url: ${url}\n    extract: { keep: ["article.sla"], remove: [".cookie"] }\n${extra}`;

    const saved = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/contracts/${fromReview.json().id}`,
      payload: { yaml: withWatch(`${site.origin}/sla`) },
    });
    expect(saved.statusCode).toBe(200);
    const contractId = fromReview.json().id;
    const watches = async () =>
      (await t.as(t.users.viewer, { method: "GET", url: `${base()}/watches?vendor_id=${vendorId}` })).json();
    const [watch] = await watches();
    expect(watch).toMatchObject({
      vendor_id: vendorId,
      name: "acme-sla",
      declaration: {
        url: `${site.origin}/sla`,
        contract_id: contractId,
        extract: { keep: ["article.sla"], remove: [".cookie"] },
        schedule: { every_hours: 12, jitter_minutes: 60 },
      },
    });
    // the terms file is the export: it reads back with its watch section
    const raw = await t.as(t.users.viewer, {
      method: "GET",
      url: `${base()}/contracts/${contractId}`,
      headers: { accept: "application/yaml" },
    });
    expect(raw.body).toContain("watch:\n  - name: acme-sla");

    // saved again with another URL: the same watch, replaced
    const moved = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/contracts/${contractId}`,
      payload: { yaml: withWatch(`${site.origin}/legal/sla`) },
    });
    expect(moved.statusCode).toBe(200);
    const after = await watches();
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(watch.id);
    expect(after[0].declaration.url).toBe(`${site.origin}/legal/sla`);

    // an entry may not name another vendor; a bad URL is named by its place in the file
    const otherVendor = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/contracts/${contractId}`,
      payload: { yaml: withWatch(`${site.origin}/sla`, "    vendor_id: someone-else\n") },
    });
    expect(otherVendor.statusCode).toBe(400);
    expect(otherVendor.json().detail).toMatch(/watch\.0/);
    const badUrl = await t.as(t.users.editor, {
      method: "PUT",
      url: `${base()}/contracts/${contractId}`,
      payload: { yaml: withWatch("ftp://acme.example/sla") },
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().detail).toMatch(/watch\.0\.url/);
    expect((await watches())[0].declaration.url).toBe(`${site.origin}/legal/sla`);

    // a contract without a vendor cannot watch anything
    const noVendor = await t.as(t.users.editor, {
      method: "POST",
      url: `${base()}/contracts`,
      payload: {
        yaml: withWatch(`${site.origin}/sla`).replace(/^vendor: .*$/m, "vendor: null"),
        name: "Nobody",
      },
    });
    expect(noVendor.statusCode).toBe(400);
    expect(noVendor.json().detail).toMatch(/no vendor/);
  });
});
