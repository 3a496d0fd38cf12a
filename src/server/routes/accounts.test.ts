import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginSession, type TestApp } from "../testing.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("workspaces", () => {
  it("lists only the caller's workspaces", async () => {
    const res = await t.as(t.users.viewer, { method: "GET", url: "/api/v1/workspaces" });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((w: { id: string }) => w.id)).toEqual([t.ws]);
  });

  it("a session creates a workspace (400 on an empty name); api tokens cannot (403); anonymous is 401", async () => {
    const { cookie, csrf } = await loginSession(t.app, t.users.viewer.email, t.users.viewer.password);
    const headers = { cookie, "x-csrf-token": csrf };
    expect(
      (await t.app.inject({ method: "POST", url: "/api/v1/workspaces", headers, payload: { name: "" } }))
        .statusCode,
    ).toBe(400);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/workspaces",
      headers,
      payload: { name: "Mine" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: "Mine", role: "admin" });
    expect(
      (await t.as(t.users.admin, { method: "POST", url: "/api/v1/workspaces", payload: { name: "New" } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as(null, { method: "POST", url: "/api/v1/workspaces", payload: { name: "x" } })).statusCode,
    ).toBe(401);
  });

  it("gets one with an ETag and renames with If-Match (409 when stale)", async () => {
    const one = await t.as(t.users.viewer, { method: "GET", url: `/api/v1/workspaces/${t.ws}` });
    expect(one.statusCode).toBe(200);
    const etag = one.headers.etag as string;
    expect(etag).toBe('"1"');
    const url = `/api/v1/workspaces/${t.ws}`;
    expect(
      (await t.as(t.users.editor, { method: "PATCH", url, payload: { name: "Renamed" } })).statusCode,
    ).toBe(403);
    expect((await t.as(t.users.admin, { method: "PATCH", url, payload: { name: 5 } })).statusCode).toBe(400);
    const ok = await t.as(t.users.admin, {
      method: "PATCH",
      url,
      headers: { "if-match": etag },
      payload: { name: "Renamed" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: "Renamed", version: 2 });
    const stale = await t.as(t.users.admin, {
      method: "PATCH",
      url,
      headers: { "if-match": etag },
      payload: { name: "Again" },
    });
    expect(stale.statusCode).toBe(409);
    await t.as(t.users.admin, { method: "PATCH", url, payload: { name: "Acme buyers" } });
  });
});

describe("members", () => {
  const url = () => `/api/v1/workspaces/${t.ws}/members`;
  it("viewers list, admins add / change / remove", async () => {
    const list = await t.as(t.users.viewer, { method: "GET", url: url() });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    const forbidden = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer", name: "N", password: "long enough pw" },
    });
    expect(forbidden.statusCode).toBe(403);
    const unknown = await t.as(t.users.admin, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer" },
    });
    expect(unknown.statusCode).toBe(400);
    const added = await t.as(t.users.admin, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer", name: "N", password: "long enough pw" },
    });
    expect(added.statusCode).toBe(201);
    const dup = await t.as(t.users.admin, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer" },
    });
    expect(dup.statusCode).toBe(409);
    const userId = added.json().user_id;
    const patched = await t.as(t.users.admin, {
      method: "PATCH",
      url: `${url()}/${userId}`,
      payload: { role: "editor" },
    });
    expect(patched.json()).toEqual({ user_id: userId, role: "editor" });
    expect(
      (await t.as(t.users.admin, { method: "PATCH", url: `${url()}/${userId}`, payload: { role: "owner" } }))
        .statusCode,
    ).toBe(400);
    expect((await t.as(t.users.admin, { method: "DELETE", url: `${url()}/${userId}` })).statusCode).toBe(204);
    expect((await t.as(t.users.admin, { method: "DELETE", url: `${url()}/${userId}` })).statusCode).toBe(404);
  });

  it("a role change or a removal applies to the member's very next request (cached credentials cleared)", async () => {
    const member = await t.addUser("viewer", t.ws);
    const session = await loginSession(t.app, member.email, member.password);
    const vendors = `/api/v1/workspaces/${t.ws}/vendors`;
    const viaToken = () =>
      t.as(member, { method: "POST", url: vendors, payload: { name: `V ${Math.random()}` } });
    const viaSession = () =>
      t.app.inject({
        method: "POST",
        url: vendors,
        headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
        payload: { name: `V ${Math.random()}` },
      });
    expect((await viaToken()).statusCode).toBe(403); // and now cached
    expect((await viaSession()).statusCode).toBe(403);
    await t.as(t.users.admin, { method: "PATCH", url: `${url()}/${member.id}`, payload: { role: "editor" } });
    expect((await viaToken()).statusCode).toBe(201);
    expect((await viaSession()).statusCode).toBe(201);
    await t.as(t.users.admin, { method: "DELETE", url: `${url()}/${member.id}` });
    expect((await viaToken()).statusCode).toBe(401); // its tokens were revoked with the membership
    expect((await viaSession()).statusCode).toBe(404);
  });

  it("keeps the last admin", async () => {
    const res = await t.as(t.users.admin, {
      method: "PATCH",
      url: `${url()}/${t.users.admin.id}`,
      payload: { role: "viewer" },
    });
    expect(res.statusCode).toBe(409);
    expect(
      (await t.as(t.users.admin, { method: "DELETE", url: `${url()}/${t.users.admin.id}` })).statusCode,
    ).toBe(409);
  });
});

describe("api tokens", () => {
  const url = () => `/api/v1/workspaces/${t.ws}/tokens`;
  it("creates a token shown once, lists it without the secret, revokes it", async () => {
    const created = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { name: "ci", scopes: ["read"] },
    });
    expect(created.statusCode).toBe(201);
    const secret = created.json().token as string;
    expect(secret).toMatch(/^ts_/);
    const list = await t.as(t.users.editor, { method: "GET", url: url() });
    expect(JSON.stringify(list.json())).not.toContain(secret);
    expect(list.json().items.every((i: { user_id: string }) => i.user_id === t.users.editor.id)).toBe(true);
    // a read token can read but not write
    const bearer = { authorization: `Bearer ${secret}` };
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/workspaces/${t.ws}/vendors`, headers: bearer }))
        .statusCode,
    ).toBe(200);
    const write = await t.app.inject({
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      headers: bearer,
      payload: { name: "V" },
    });
    expect(write.statusCode).toBe(403);
    expect(
      (await t.as(t.users.editor, { method: "DELETE", url: `${url()}/${created.json().id}` })).statusCode,
    ).toBe(204);
    const revoked = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().detail).toContain("revoked");
  });

  it("viewers get read tokens only; bad scopes and past expiry are 400; others' tokens are 404 to non-admins", async () => {
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: url(), payload: { name: "x", scopes: ["write"] } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: url(), payload: { name: "x", scopes: ["admin"] } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await t.as(t.users.viewer, {
          method: "POST",
          url: url(),
          payload: { name: "x", expires_at: "2000-01-01T00:00:00Z" },
        })
      ).statusCode,
    ).toBe(400);
    const adminList = await t.as(t.users.admin, { method: "GET", url: url() });
    const editorToken = adminList
      .json()
      .items.find((i: { user_id: string }) => i.user_id === t.users.editor.id);
    expect(
      (await t.as(t.users.viewer, { method: "DELETE", url: `${url()}/${editorToken.id}` })).statusCode,
    ).toBe(404);
  });
});
