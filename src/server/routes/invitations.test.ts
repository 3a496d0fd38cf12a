import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginSession, type TestApp } from "../testing.js";

let t: TestApp;
let clock = new Date("2026-05-01T00:00:00Z");
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

const members = () => `/api/v1/workspaces/${t.ws}/members`;
const invite = (email: string, role = "viewer") =>
  t.as(t.users.admin, { method: "POST", url: members(), payload: { email, role } });
const accept = (
  token: string,
  opts: { payload?: Record<string, unknown>; headers?: Record<string, string> } = {},
) => t.app.inject({ method: "POST", url: `/api/v1/invitations/${token}/accept`, ...opts });
const memberEmails = async () =>
  (await t.as(t.users.admin, { method: "GET", url: members() }))
    .json()
    .items.map((m: { email: string }) => m.email);

describe("invitations", () => {
  it("answers alike whether or not the email has an account, and adds nobody without consent", async () => {
    const existing = await invite(t.users.outsider.email);
    const unknown = await invite("nobody-yet@acme.test");
    expect(existing.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    const shape = (body: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v]));
    expect(shape(existing.json())).toEqual(shape(unknown.json()));
    expect(Object.keys(existing.json()).sort()).toEqual([
      "email",
      "expires_at",
      "id",
      "link",
      "role",
      "token",
    ]);
    expect(existing.json().link).toContain("/invite?token=");
    expect(await memberEmails()).not.toContain(t.users.outsider.email);
  });

  it("an existing account accepts only when logged in as the invited email", async () => {
    const inv = (await invite(t.users.outsider.email, "editor")).json();
    expect((await accept(inv.token)).statusCode).toBe(401);
    const viewer = await loginSession(t.app, t.users.viewer.email, t.users.viewer.password);
    const wrong = await accept(inv.token, {
      headers: { cookie: viewer.cookie, "x-csrf-token": viewer.csrf },
    });
    expect(wrong.statusCode).toBe(403);
    const viaToken = await accept(inv.token, { headers: t.users.outsider.headers });
    expect(viaToken.statusCode).toBe(403);
    const me = await loginSession(t.app, t.users.outsider.email, t.users.outsider.password);
    const ok = await accept(inv.token, { headers: { cookie: me.cookie, "x-csrf-token": me.csrf } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ role: "editor", account_created: false, workspace: { id: t.ws } });
    expect(await memberEmails()).toContain(t.users.outsider.email);
    // the session sees the workspace at once; the link works once
    const ws = await t.app.inject({
      method: "GET",
      url: `/api/v1/workspaces/${t.ws}`,
      headers: { cookie: me.cookie },
    });
    expect(ws.json().role).toBe("editor");
    expect(
      (await accept(inv.token, { headers: { cookie: me.cookie, "x-csrf-token": me.csrf } })).statusCode,
    ).toBe(404);
  });

  it("an invitee without an account creates it with a strong password", async () => {
    const email = "newcomer@acme.test";
    const inv = (await invite(email)).json();
    const info = await t.app.inject({ method: "GET", url: `/api/v1/invitations/${inv.token}` });
    expect(info.json()).toMatchObject({ email, role: "viewer", workspace: { name: "Acme buyers" } });
    expect((await accept(inv.token, { payload: {} })).statusCode).toBe(400);
    const weak = await accept(inv.token, { payload: { name: "New", password: " ".repeat(12) } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().detail).toContain("body.password");
    const ok = await accept(inv.token, { payload: { name: "New", password: "plum orbit canyon" } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ role: "viewer", account_created: true, user: { email } });
    await loginSession(t.app, email, "plum orbit canyon");
    expect(await memberEmails()).toContain(email);
  });

  it("admins list and revoke pending invitations; a new invitation replaces the old link; links expire", async () => {
    const first = (await invite("pending@acme.test")).json();
    const second = (await invite("pending@acme.test", "editor")).json();
    expect(
      (await accept(first.token, { payload: { name: "P", password: "plum orbit canyon" } })).statusCode,
    ).toBe(404);
    const url = `/api/v1/workspaces/${t.ws}/invitations`;
    expect((await t.as(t.users.editor, { method: "GET", url })).statusCode).toBe(403);
    const list = await t.as(t.users.admin, { method: "GET", url });
    expect(list.statusCode).toBe(200);
    const pending = list.json().items.filter((i: { email: string }) => i.email === "pending@acme.test");
    expect(pending).toEqual([expect.objectContaining({ id: second.id, role: "editor" })]);
    expect(JSON.stringify(list.json())).not.toContain(second.token);
    expect((await t.as(t.users.admin, { method: "DELETE", url: `${url}/${second.id}` })).statusCode).toBe(
      204,
    );
    expect(
      (await accept(second.token, { payload: { name: "P", password: "plum orbit canyon" } })).statusCode,
    ).toBe(404);
    const third = (await invite("late@acme.test")).json();
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    t.app.authCache.clear();
    expect(
      (await accept(third.token, { payload: { name: "L", password: "plum orbit canyon" } })).statusCode,
    ).toBe(404);
  });
});
