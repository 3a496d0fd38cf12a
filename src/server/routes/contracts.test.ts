import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, multipart, type TestApp } from "../testing.js";

let t: TestApp;
let reviewId: string;
let vendorId: string;
beforeAll(async () => {
  t = await buildTestApp();
  vendorId = (
    await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "Lumen" },
    })
  ).json().id;
  const up = await t.as(t.users.editor, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/documents`,
    ...multipart(
      { vendor_id: vendorId },
      { name: "lumen.txt", content: "Availability 99.9% per month.\nP1 response within 15 minutes.\n" },
    ),
  });
  reviewId = up.json().review.id;
});
afterAll(async () => {
  await t?.close();
});

const url = () => `/api/v1/workspaces/${t.ws}/contracts`;

describe("contracts", () => {
  let id: string;
  let yaml: string;

  it("creates a contract from a review (terms YAML), linked to the document's vendor", async () => {
    const res = await t.as(t.users.editor, { method: "POST", url: url(), payload: { review_id: reviewId } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ vendor_id: vendorId, name: "Lumen", version: 1 });
    expect(res.json().yaml).toContain("termsight.terms/v1");
    id = res.json().id;
    yaml = res.json().yaml;
  });

  it("returns JSON or the YAML itself", async () => {
    const json = await t.as(t.users.viewer, { method: "GET", url: `${url()}/${id}` });
    expect(json.json().terms.schema).toBe("termsight.terms/v1");
    expect(json.headers.etag).toBe('"1"');
    const raw = await t.as(t.users.viewer, {
      method: "GET",
      url: `${url()}/${id}`,
      headers: { accept: "application/yaml" },
    });
    expect(raw.headers["content-type"]).toContain("application/yaml");
    expect(raw.body).toBe(yaml);
  });

  it("replaces the YAML with If-Match; a stale version is 409; dates come from effective", async () => {
    const edited = yaml.replace(/from: null/, 'from: "2026-01-01"').replace(/to: null/, 'to: "2026-12-31"');
    const ok = await t.as(t.users.editor, {
      method: "PUT",
      url: `${url()}/${id}`,
      headers: { "content-type": "application/yaml", "if-match": '"1"' },
      payload: edited,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, valid_from: "2026-01-01", valid_to: "2026-12-31" });
    const stale = await t.as(t.users.editor, {
      method: "PUT",
      url: `${url()}/${id}`,
      payload: { yaml: edited, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
  });

  it("keeps every saved version: the list newest first, each with its YAML; a stale write adds none", async () => {
    const list = await t.as(t.users.viewer, { method: "GET", url: `${url()}/${id}/versions` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.json().items[0].created_by_name).toEqual(expect.any(String));
    const first = await t.as(t.users.viewer, { method: "GET", url: `${url()}/${id}/versions/1` });
    expect(first.json()).toMatchObject({ version: 1, yaml });
    const second = await t.as(t.users.viewer, { method: "GET", url: `${url()}/${id}/versions/2` });
    expect(second.json().yaml).toContain('from: "2026-01-01"');
    expect(second.json().yaml).not.toBe(yaml);
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}/${id}/versions/3` })).statusCode).toBe(
      404,
    );
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}/${id}/versions/x` })).statusCode).toBe(
      400,
    );
    expect((await t.as(t.users.outsider, { method: "GET", url: `${url()}/${id}/versions` })).statusCode).toBe(
      404,
    );
  });

  const bad = [
    { name: "malformed yaml", body: "schema: [unclosed\n", detail: /contract\.yaml:\d+: invalid yaml/ },
    { name: "wrong schema field", body: "schema: nope\nvendor: x\n", detail: /contract\.yaml:1: schema/ },
  ];
  it.each(bad)("400 on $name, naming the line", async ({ body, detail }) => {
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      headers: { "content-type": "application/yaml" },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(detail);
  });

  it("400 when neither yaml nor review_id; lists; deletes", async () => {
    expect((await t.as(t.users.editor, { method: "POST", url: url(), payload: {} })).statusCode).toBe(400);
    const list = await t.as(t.users.viewer, { method: "GET", url: url() });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await t.as(t.users.editor, { method: "DELETE", url: `${url()}/${id}` })).statusCode).toBe(204);
    expect((await t.as(t.users.editor, { method: "DELETE", url: `${url()}/${id}` })).statusCode).toBe(404);
  });

  it("401 / 403 / 404", async () => {
    expect((await t.as(null, { method: "GET", url: url() })).statusCode).toBe(401);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: url(), payload: { review_id: reviewId } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as(t.users.outsider, { method: "POST", url: url(), payload: { review_id: reviewId } }))
        .statusCode,
    ).toBe(404);
    const other = `/api/v1/workspaces/${t.otherWs}/contracts`;
    expect(
      (await t.as(t.users.outsider, { method: "POST", url: other, payload: { review_id: reviewId } }))
        .statusCode,
    ).toBe(404);
  });
});
