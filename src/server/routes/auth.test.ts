import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginSession, type TestApp } from "../testing.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ loginRateLimit: 5 });
});
afterAll(async () => {
  await t?.close();
});

describe("login, session cookie and csrf", () => {
  it("logs in, sets an HttpOnly SameSite=Lax cookie and answers /me", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: t.users.admin.email, password: "correct horse battery" },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "ts_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBeFalsy();
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { cookie: `ts_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(t.users.admin.email);
    expect(me.json().workspaces).toEqual([
      { id: t.ws, name: "Acme buyers", role: "admin", language: "zh-CN" },
    ]);
    expect(me.json().csrf_token).toBe(res.json().csrf_token);
  });

  const bad = [
    { name: "wrong password", payload: { email: "x@y.z", password: "nope" }, status: 401 },
    { name: "missing password", payload: { email: "x@y.z" }, status: 400 },
  ];
  it.each(bad)("refuses $name", async ({ payload, status }) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { ...payload, email: `${Math.random()}@y.z` },
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("requires x-csrf-token on cookie-authenticated writes", async () => {
    const { cookie, csrf } = await loginSession(t.app, t.users.editor.email, "correct horse battery");
    const url = `/api/v1/workspaces/${t.ws}/vendors`;
    const without = await t.app.inject({ method: "POST", url, headers: { cookie }, payload: { name: "x" } });
    expect(without.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie, "x-csrf-token": csrf },
      payload: { name: "x" },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it("logout ends the session", async () => {
    const { cookie, csrf } = await loginSession(t.app, t.users.viewer.email, "correct horse battery");
    const out = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it("anonymous /me is 401 problem+json", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/me" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("rate-limits login attempts per ip and email", async () => {
    const payload = { email: "victim@acme.test", password: "guess" };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload })).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // another email from the same ip is not blocked
    const other = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: t.users.admin.email, password: "correct horse battery" },
    });
    expect(other.statusCode).toBe(200);
  });
});

describe("api tokens as credentials", () => {
  it("an unknown token is 401 naming the reason", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: "Bearer ts_nope" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain("unknown api token");
  });

  it("an expired token is 401", async () => {
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/tokens`,
      payload: { name: "short", scopes: ["read"], expires_at: new Date(Date.now() + 1000).toISOString() },
    });
    expect(res.statusCode).toBe(201);
    const later = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    expect(later.statusCode).toBe(200);
    await t.store.db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", res.json().id)
      .execute();
    t.app.authCache.clear(); // a change behind the server's back: the cached token lives up to 2 s
    const expired = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toContain("expired");
  });
});
