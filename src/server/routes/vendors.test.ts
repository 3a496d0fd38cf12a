import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("vendors", () => {
  const url = () => `/api/v1/workspaces/${t.ws}/vendors`;

  it("creates, reads, lists with cursor pagination, updates with If-Match, deletes", async () => {
    const created = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { name: "Lumen Voice", website: "https://lumen.example", products: ["ASR", "TTS"] },
    });
    expect(created.statusCode).toBe(201);
    const v = created.json();
    expect(v.products.map((p: { name: string }) => p.name).sort()).toEqual(["ASR", "TTS"]);
    for (const name of ["B", "C", "D"])
      await t.as(t.users.editor, { method: "POST", url: url(), payload: { name } });
    const first = await t.as(t.users.viewer, { method: "GET", url: `${url()}?limit=3` });
    expect(first.json().items).toHaveLength(3);
    expect(first.json().next_cursor).toBeTruthy();
    const second = await t.as(t.users.viewer, {
      method: "GET",
      url: `${url()}?limit=3&cursor=${first.json().next_cursor}`,
    });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().next_cursor).toBeNull();
    const all = [...first.json().items, ...second.json().items].map((x: { name: string }) => x.name);
    expect(new Set(all).size).toBe(4);

    const one = await t.as(t.users.viewer, { method: "GET", url: `${url()}/${v.id}` });
    expect(one.headers.etag).toBe('"1"');
    const patched = await t.as(t.users.editor, {
      method: "PATCH",
      url: `${url()}/${v.id}`,
      headers: { "if-match": '"1"' },
      payload: { notes: "good SDK" },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ notes: "good SDK", version: 2 });
    const stale = await t.as(t.users.editor, {
      method: "PATCH",
      url: `${url()}/${v.id}`,
      payload: { notes: "x", version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    expect((await t.as(t.users.editor, { method: "DELETE", url: `${url()}/${v.id}` })).statusCode).toBe(204);
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}/${v.id}` })).statusCode).toBe(404);
  });

  const invalid = [
    { name: "empty name", payload: { name: "" } },
    { name: "bad website", payload: { name: "X", website: "not a url" } },
    { name: "no body", payload: undefined },
  ];
  it.each(invalid)("400 on $name", async ({ payload }) => {
    const res = await t.as(t.users.editor, { method: "POST", url: url(), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/^body/);
  });

  it("409 on a duplicate name; 400 on a bad cursor", async () => {
    await t.as(t.users.editor, { method: "POST", url: url(), payload: { name: "Dup" } });
    expect(
      (await t.as(t.users.editor, { method: "POST", url: url(), payload: { name: "Dup" } })).statusCode,
    ).toBe(409);
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}?cursor=garbage` })).statusCode).toBe(
      400,
    );
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}?limit=501` })).statusCode).toBe(400);
  });

  it("a website must be an http(s) address (no javascript: or data: links)", async () => {
    for (const website of ["javascript:alert(document.cookie)", "data:text/html,<script>1</script>"]) {
      const res = await t.as(t.users.editor, {
        method: "POST",
        url: url(),
        payload: { name: website, website },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/^body\.website: /);
    }
  });

  it("401 anonymous, 403 viewer write, 404 other workspace", async () => {
    expect((await t.as(null, { method: "GET", url: url() })).statusCode).toBe(401);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: url(), payload: { name: "V" } })).statusCode,
    ).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: url() })).statusCode).toBe(404);
  });
});

describe("audit", () => {
  it("records who did what, newest first, filterable", async () => {
    const created = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "Audited" },
    });
    const res = await t.as(t.users.viewer, {
      method: "GET",
      url: `/api/v1/workspaces/${t.ws}/audit?entity=vendor&entity_id=${created.json().id}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        action: "create",
        entity: "vendor",
        actor_id: t.users.editor.id,
        actor_email: t.users.editor.email,
        details: { name: "Audited" },
      }),
    ]);
    expect(
      (await t.as(t.users.viewer, { method: "GET", url: `/api/v1/workspaces/${t.ws}/audit?limit=0` }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.as(t.users.outsider, { method: "GET", url: `/api/v1/workspaces/${t.ws}/audit` })).statusCode,
    ).toBe(404);
  });
});
