import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSetupToken, setupLink } from "../../accounts/index.js";
import type { Store } from "../../store/index.js";
import { openTestPglite } from "../../store/testing.js";
import { buildServer } from "../build-server.js";

let store: Store;
let app: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  store = await openTestPglite();
  app = await buildServer({ store, webRoot: null });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe("first-start setup", () => {
  it("is needed on an empty store and refuses a wrong token", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ needed: true });
    const token = await issueSetupToken(store);
    expect(token).toBeTruthy();
    expect(setupLink(token as string)).toMatch(/^http:\/\/localhost:8080\/setup\?token=/);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: { token: "wrong", email: "a@b.test", password: "long enough pw", name: "A" },
    });
    expect(res.statusCode).toBe(401);
  });

  it.each(["short", " ".repeat(10), "password123!"])(
    "rejects the weak password %j with 400 naming the field",
    async (password) => {
      const token = (await issueSetupToken(store)) as string;
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/setup",
        payload: { token, email: "a@b.test", password, name: "A" },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toContain("body.password");
      expect((await app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ needed: true });
    },
  );

  it("creates the admin and first workspace once, adopting workspaces seeded before (demo)", async () => {
    await store.db.insertInto("workspaces").values({ id: "demo-ws", name: "Demo" }).execute();
    const token = (await issueSetupToken(store)) as string;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: {
        token,
        email: "Admin@Acme.test",
        password: "long enough pw",
        name: "Ada",
        workspace: "Acme",
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.email).toBe("admin@acme.test");
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "admin@acme.test", password: "long enough pw" },
    });
    expect(login.statusCode).toBe(200);
    const cookie = `ts_session=${login.cookies.find((c) => c.name === "ts_session")?.value}`;
    const me = await app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(
      me
        .json()
        .workspaces.map((w: { name: string; role: string }) => `${w.name}:${w.role}`)
        .sort(),
    ).toEqual(["Acme:admin", "Demo:admin"]);
    expect(me.json().user.instance_role).toBe("admin");
    expect((await app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ needed: false });
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: { token, email: "b@acme.test", password: "long enough pw", name: "B" },
    });
    expect(again.statusCode).toBe(409);
    expect(await issueSetupToken(store)).toBeNull();
  });
});
