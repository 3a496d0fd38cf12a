import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./build-server.js";
import { buildTestApp, type TestApp } from "./testing.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("server", () => {
  it("serves OpenAPI 3.1 with every route and the docs page", async () => {
    const spec = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe("3.1.0");
    const paths = Object.keys(spec.json().paths);
    expect(paths).toContain("/api/v1/workspaces/{ws}/documents");
    expect(paths).toContain("/api/v1/auth/login");
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
  });

  it("malformed JSON is a 400 problem naming the body", async () => {
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      headers: { "content-type": "application/json" },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 400, title: "Bad Request" });
    expect(res.json().detail).toContain("malformed JSON");
  });

  it("an unknown /api route is a problem+json 404; a page path falls back to the placeholder", async () => {
    const api = await t.app.inject({ method: "GET", url: "/api/v1/nope" });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    const page = await t.app.inject({ method: "GET", url: "/vendors/123" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("/api/docs");
  });

  it("hides internals on unexpected errors", async () => {
    const app = await buildServer({ store: t.store, webRoot: null });
    app.get("/api/v1/boom-test", async () => {
      throw new Error("secret connection string postgres://x");
    });
    try {
      const res = await app.inject({ method: "GET", url: "/api/v1/boom-test" });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ status: 500, detail: "internal error" });
      expect(res.body).not.toContain("secret");
    } finally {
      await app.close();
    }
  });

  it("serves a built web UI with SPA fallback for non-/api paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "termsight-web-"));
    writeFileSync(join(dir, "index.html"), "<html>spa</html>");
    writeFileSync(join(dir, "app.js"), "console.log(1)");
    const app = await buildServer({ store: t.store, webRoot: dir });
    try {
      expect((await app.inject({ method: "GET", url: "/" })).body).toBe("<html>spa</html>");
      expect((await app.inject({ method: "GET", url: "/app.js" })).body).toBe("console.log(1)");
      expect((await app.inject({ method: "GET", url: "/documents/42" })).body).toBe("<html>spa</html>");
      expect((await app.inject({ method: "GET", url: "/api/v1/missing" })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
