import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeBackends } from "../../store/testing.js";
import { buildServer, issueSetupToken } from "../index.js";
import { buildTestApp, loginSession, type TestApp } from "../testing.js";
import { routeModules } from "./index.js";

const NOW = new Date("2026-03-10T00:00:00Z");

// Load the route modules before building servers: on a busy machine their first import can
// outlast fastify's plugin timeout.
beforeAll(async () => {
  for (const m of routeModules) await m.load();
}, 120_000);

describe.each(storeBackends())("export and import routes on $name", ({ open }) => {
  let t: TestApp;
  let archive: Buffer;
  let closed = false;
  beforeAll(async () => {
    t = await buildTestApp({ store: await open(), now: () => NOW });
    await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/tickets`,
      payload: { severity: "P1", subject: "exported", opened_at: "2026-03-09T00:00:00Z" },
    });
  });
  afterAll(async () => {
    if (closed) return;
    await t?.close();
    await t?.store.close();
  });

  it("exports everything for the instance admin (session), also after other accounts made workspaces; audited", async () => {
    // `outsider` made "Other co"; an editor makes one more once every account may.
    const { cookie, csrf } = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
    const open = await t.app.inject({
      method: "PUT",
      url: "/api/v1/admin/settings",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { workspace_creation: "all_accounts" },
    });
    expect(open.statusCode).toBe(200);
    const editor = await loginSession(t.app, t.users.editor.email, t.users.editor.password);
    const made = await t.app.inject({
      method: "POST",
      url: "/api/v1/workspaces",
      headers: { cookie: editor.cookie, "x-csrf-token": editor.csrf },
      payload: { name: "Editor's own" },
    });
    expect(made.statusCode).toBe(201);
    const res = await t.app.inject({ method: "GET", url: "/api/v1/export", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    archive = res.rawPayload;
    const files = unzipSync(new Uint8Array(archive));
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    expect(manifest.schema).toBe("termsight.export/v1");
    expect(manifest.counts.tickets).toBe(1);
    expect(manifest.counts.workspaces).toBe(3);
    const viaWorkspace = await t.app.inject({
      method: "GET",
      url: `/api/v1/workspaces/${t.ws}/export`,
      headers: { cookie },
    });
    expect(viaWorkspace.statusCode).toBe(200);
    expect(viaWorkspace.headers["content-type"]).toBe("application/zip");
    const audit = await t.store.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "export")
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("401 anonymous; 403 for accounts that are not instance admins, and for every api token", async () => {
    expect((await t.as(null, { method: "GET", url: "/api/v1/export" })).statusCode).toBe(401);
    expect((await t.as(t.users.viewer, { method: "GET", url: "/api/v1/export" })).statusCode).toBe(403);
    expect((await t.as(t.users.admin, { method: "GET", url: "/api/v1/export" })).statusCode).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: "/api/v1/export" })).statusCode).toBe(403);
    const outsider = await loginSession(t.app, t.users.outsider.email, t.users.outsider.password);
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/export",
      headers: { cookie: outsider.cookie },
    });
    expect(res.statusCode).toBe(403);
    const wsUrl = `/api/v1/workspaces/${t.ws}/export`;
    expect((await t.as(null, { method: "GET", url: wsUrl })).statusCode).toBe(401);
    expect((await t.as(t.users.viewer, { method: "GET", url: wsUrl })).statusCode).toBe(403);
    expect((await t.as(t.users.admin, { method: "GET", url: wsUrl })).statusCode).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: wsUrl })).statusCode).toBe(404);
  });

  it("imports into an empty instance with the setup token, identically; refuses otherwise", async () => {
    const busy = await t.as(t.users.admin, {
      method: "POST",
      url: "/api/v1/import",
      headers: { "content-type": "application/zip" },
      payload: archive,
    });
    expect(busy.statusCode).toBe(409);
    // one PostgreSQL test store open at a time (test schemas share one database)
    await t.close();
    await t.store.close();
    closed = true;
    const store = await open();
    const app = await buildServer({ store, webRoot: null, now: () => NOW });
    try {
      const token = (await issueSetupToken(store)) ?? "";
      const zip = { "content-type": "application/zip" };
      expect(
        (await app.inject({ method: "POST", url: "/api/v1/import", headers: zip, payload: archive }))
          .statusCode,
      ).toBe(401);
      expect(
        (
          await app.inject({
            method: "POST",
            url: "/api/v1/import",
            headers: { ...zip, "x-setup-token": "wrong" },
            payload: archive,
          })
        ).statusCode,
      ).toBe(401);
      const bad = await app.inject({
        method: "POST",
        url: "/api/v1/import",
        headers: { ...zip, "x-setup-token": token },
        payload: Buffer.from("not a zip"),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers["content-type"]).toContain("application/problem+json");
      const ok = await app.inject({
        method: "POST",
        url: "/api/v1/import",
        headers: { ...zip, "x-setup-token": token },
        payload: archive,
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().counts.tickets).toBe(1);
      const tickets = await store.db.selectFrom("tickets").select("subject").execute();
      expect(tickets).toEqual([{ subject: "exported" }]);
      const admins = await store.db
        .selectFrom("users")
        .select("email")
        .where("instance_role", "=", "admin")
        .execute();
      expect(admins).toEqual([{ email: t.users.admin.email }]);
      // the setup token is gone with the import: a second import is refused
      expect(
        (
          await app.inject({
            method: "POST",
            url: "/api/v1/import",
            headers: { ...zip, "x-setup-token": token },
            payload: archive,
          })
        ).statusCode,
      ).toBe(401);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
