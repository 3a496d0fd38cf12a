import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginSession, type TestApp } from "../testing.js";

let t: TestApp;
let clock = new Date("2026-05-01T00:00:00Z");
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock, sessionHours: 12, sessionIdleMinutes: 120 });
});
afterAll(async () => {
  await t?.close();
});

const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
const post = (url: string, s: { cookie: string; csrf: string } | null, payload?: Record<string, unknown>) =>
  t.app.inject({
    method: "POST",
    url,
    headers: s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {},
    ...(payload === undefined ? {} : { payload }),
  });

describe("change password", () => {
  it("needs the current password and a strong new one; ends the other sessions, keeps this one", async () => {
    const u = await t.addUser("viewer", t.ws);
    const here = await loginSession(t.app, u.email, u.password);
    const there = await loginSession(t.app, u.email, u.password);
    const change = (current_password: string, new_password: string) =>
      post("/api/v1/auth/password", here, { current_password, new_password });
    expect((await change("not my password", "plum orbit canyon")).statusCode).toBe(401);
    for (const weak of [" ".repeat(10), "short", "password123!"]) {
      const res = await change(u.password, weak);
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toContain("body.new_password");
    }
    expect((await change(u.password, "plum orbit canyon")).statusCode).toBe(204);
    expect((await me(here.cookie)).statusCode).toBe(200);
    expect((await me(there.cookie)).statusCode).toBe(401);
    await loginSession(t.app, u.email, "plum orbit canyon");
    const old = await post("/api/v1/auth/login", null, { email: u.email, password: u.password });
    expect(old.statusCode).toBe(401);
    // an api token cannot change the password
    const viaToken = await t.as(u, {
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { current_password: "plum orbit canyon", new_password: "another plum orbit" },
    });
    expect(viaToken.statusCode).toBe(403);
  });
});

describe("log out everywhere", () => {
  it("ends every session of the user at once (cached ones too)", async () => {
    const u = await t.addUser("viewer", t.ws);
    const a = await loginSession(t.app, u.email, u.password);
    const b = await loginSession(t.app, u.email, u.password);
    const other = await loginSession(t.app, t.users.viewer.email, t.users.viewer.password);
    expect((await me(b.cookie)).statusCode).toBe(200); // cached now
    expect((await post("/api/v1/auth/logout-all", a)).statusCode).toBe(204);
    expect((await me(a.cookie)).statusCode).toBe(401);
    expect((await me(b.cookie)).statusCode).toBe(401);
    expect((await me(other.cookie)).statusCode).toBe(200);
  });
});

describe("admin password reset", () => {
  it("locks the old password and sessions out; the one-time link sets a new password once", async () => {
    const u = await t.addUser("viewer", t.ws);
    const session = await loginSession(t.app, u.email, u.password);
    const admin = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
    const url = `/api/v1/admin/users/${u.id}/password-reset`;
    const notAdmin = await loginSession(t.app, t.users.editor.email, t.users.editor.password);
    expect((await post(url, notAdmin)).statusCode).toBe(403);
    expect((await t.as(t.users.admin, { method: "POST", url })).statusCode).toBe(403); // token
    const reset = await post(url, admin);
    expect(reset.statusCode).toBe(201);
    const { token, link } = reset.json();
    expect(link).toContain("/reset-password?token=");
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect(
      (await post("/api/v1/auth/login", null, { email: u.email, password: u.password })).statusCode,
    ).toBe(401);
    const complete = (password: string, tok = token) =>
      post("/api/v1/auth/password-reset", null, { token: tok, password });
    expect((await complete("plum orbit canyon", "wrong")).statusCode).toBe(401);
    expect((await complete(" ".repeat(10))).statusCode).toBe(400);
    expect((await complete("plum orbit canyon")).statusCode).toBe(204);
    expect((await complete("second plum orbit")).statusCode).toBe(401);
    await loginSession(t.app, u.email, "plum orbit canyon");
  });

  it("an expired reset link is refused", async () => {
    const u = await t.addUser("viewer", t.ws);
    const admin = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
    const reset = await post(`/api/v1/admin/users/${u.id}/password-reset`, admin);
    later(25 * 3_600_000);
    const res = await post("/api/v1/auth/password-reset", null, {
      token: reset.json().token,
      password: "plum orbit canyon",
    });
    expect(res.statusCode).toBe(401);
  });

  it("instance admins list accounts and keep at least one instance admin", async () => {
    const admin = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
    const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
    const list = await t.app.inject({ method: "GET", url: "/api/v1/admin/users?limit=500", headers });
    expect(list.statusCode).toBe(200);
    const emails = list.json().items.map((i: { email: string }) => i.email);
    expect(emails).toContain(t.users.outsider.email);
    expect(JSON.stringify(list.json())).not.toContain("scrypt");
    const viewer = await loginSession(t.app, t.users.viewer.email, t.users.viewer.password);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/admin/users", headers: { cookie: viewer.cookie } }))
        .statusCode,
    ).toBe(403);
    const demote = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${t.users.admin.id}`,
      headers,
      payload: { instance_role: "member" },
    });
    expect(demote.statusCode).toBe(409);
  });
});

describe("session lifetime", () => {
  it("ends a session idle for the idle lifetime, and any session after the absolute lifetime", async () => {
    const u = await t.addUser("viewer", t.ws);
    const s = await loginSession(t.app, u.email, u.password);
    // active every 90 minutes: the idle clock restarts, until 12 h after login
    for (let i = 0; i < 7; i++) {
      later(90 * 60_000);
      expect((await me(s.cookie)).statusCode).toBe(200);
    }
    later(90 * 60_000); // 12 h after login
    expect((await me(s.cookie)).statusCode).toBe(401);
    const idle = await loginSession(t.app, u.email, u.password);
    later(119 * 60_000);
    expect((await me(idle.cookie)).statusCode).toBe(200);
    later(120 * 60_000);
    const res = await me(idle.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain("session expired");
  });
});
