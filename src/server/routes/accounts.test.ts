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

  it("only instance admins create workspaces by default; an instance setting opens it to every account", async () => {
    const viewer = await loginSession(t.app, t.users.viewer.email, t.users.viewer.password);
    const viewerHeaders = { cookie: viewer.cookie, "x-csrf-token": viewer.csrf };
    const create = (headers: Record<string, string>, name = "Mine") =>
      t.app.inject({ method: "POST", url: "/api/v1/workspaces", headers, payload: { name } });
    // A workspace admin (of "Acme buyers") who is not an instance admin cannot either.
    const outsider = await loginSession(t.app, t.users.outsider.email, t.users.outsider.password);
    expect((await create({ cookie: outsider.cookie, "x-csrf-token": outsider.csrf })).statusCode).toBe(403);
    expect((await create(viewerHeaders)).statusCode).toBe(403);
    const admin = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
    const adminHeaders = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
    expect((await create(adminHeaders, "")).statusCode).toBe(400);
    const made = await create(adminHeaders, "Instance admin's");
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ name: "Instance admin's", role: "admin" });
    // Only an instance admin changes the setting.
    const setting = (headers: Record<string, string>, workspace_creation: string) =>
      t.app.inject({
        method: "PUT",
        url: "/api/v1/admin/settings",
        headers,
        payload: { workspace_creation },
      });
    expect((await setting(viewerHeaders, "all_accounts")).statusCode).toBe(403);
    expect((await setting(adminHeaders, "anyone")).statusCode).toBe(400);
    expect((await setting(adminHeaders, "all_accounts")).statusCode).toBe(200);
    const mine = await create(viewerHeaders);
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ name: "Mine", role: "admin" });
    expect((await setting(adminHeaders, "instance_admins")).statusCode).toBe(200);
    expect((await create(viewerHeaders)).statusCode).toBe(403);
    // api tokens never create workspaces; anonymous is 401
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
  it("viewers list, admins invite / change / remove", async () => {
    const list = await t.as(t.users.viewer, { method: "GET", url: url() });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    const forbidden = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer" },
    });
    expect(forbidden.statusCode).toBe(403);
    const invited = await t.as(t.users.admin, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer" },
    });
    expect(invited.statusCode).toBe(202);
    const accepted = await t.app.inject({
      method: "POST",
      url: `/api/v1/invitations/${invited.json().token}/accept`,
      payload: { name: "N", password: "long enough pw" },
    });
    expect(accepted.statusCode).toBe(201);
    const dup = await t.as(t.users.admin, {
      method: "POST",
      url: url(),
      payload: { email: "new@acme.test", role: "viewer" },
    });
    expect(dup.statusCode).toBe(409);
    const userId = accepted.json().user.id;
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

describe("api tokens minted by api tokens", () => {
  const url = () => `/api/v1/workspaces/${t.ws}/tokens`;
  const mint = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: "POST", url: url(), headers, payload });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("an expiring token mints only tokens that expire no later than it", async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const parent = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { name: "expiring", scopes: ["read", "write"], expires_at: soon },
    });
    expect(parent.statusCode).toBe(201);
    const p = bearer(parent.json().token);
    const forever = await mint(p, { name: "forever", scopes: ["read"] });
    expect(forever.statusCode).toBe(400);
    expect(forever.json().detail).toContain("body.expires_at");
    const later = new Date(Date.now() + 7_200_000).toISOString();
    expect((await mint(p, { name: "later", scopes: ["read"], expires_at: later })).statusCode).toBe(400);
    const earlier = new Date(Date.now() + 1_800_000).toISOString();
    expect((await mint(p, { name: "earlier", scopes: ["read"], expires_at: earlier })).statusCode).toBe(201);
    expect((await mint(p, { name: "same", scopes: ["write"], expires_at: soon })).statusCode).toBe(201);
  });

  it("a token mints no wider scope and nothing in another workspace", async () => {
    const writeOnly = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { name: "write only", scopes: ["write"] },
    });
    const w = bearer(writeOnly.json().token);
    // write implies read, as for every other route
    expect((await mint(w, { name: "r", scopes: ["read"] })).statusCode).toBe(201);
    const readOnly = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { name: "read only", scopes: ["read"] },
    });
    const r = bearer(readOnly.json().token);
    expect((await mint(r, { name: "w", scopes: ["read", "write"] })).statusCode).toBe(403);
    expect((await mint(r, { name: "r", scopes: ["read"] })).statusCode).toBe(403); // minting is a write
    const other = await t.app.inject({
      method: "POST",
      url: `/api/v1/workspaces/${t.otherWs}/tokens`,
      headers: w,
      payload: { name: "elsewhere", scopes: ["read"] },
    });
    expect(other.statusCode).toBe(404);
  });

  it("revoking a token revokes the tokens it minted", async () => {
    const parent = await t.as(t.users.editor, {
      method: "POST",
      url: url(),
      payload: { name: "parent", scopes: ["read", "write"] },
    });
    const child = await mint(bearer(parent.json().token), { name: "child", scopes: ["read", "write"] });
    expect(child.statusCode).toBe(201);
    const grandchild = await mint(bearer(child.json().token), { name: "grandchild", scopes: ["read"] });
    expect(grandchild.statusCode).toBe(201);
    expect(
      (await t.as(t.users.editor, { method: "DELETE", url: `${url()}/${parent.json().id}` })).statusCode,
    ).toBe(204);
    for (const tok of [child, grandchild]) {
      const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(tok.json().token) });
      expect(me.statusCode).toBe(401);
    }
  });
});
