import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { openTestPglite } from "../store/testing.js";
import { buildServer } from "./build-server.js";
import { isFilePath } from "./web-root.js";

let store: Store;
let dir: string;
let app: FastifyInstance;
const get = (url: string) => app.inject({ method: "GET", url });

beforeAll(async () => {
  store = await openTestPglite();
  dir = mkdtempSync(join(tmpdir(), "termsight-webroot-"));
  app = await buildServer({ store, webRoot: dir });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("web root", () => {
  it("before a build: the placeholder page for pages, 404 for files", async () => {
    expect((await get("/")).body).toContain("The web UI is not built");
    expect((await get("/tickets/1")).body).toContain("The web UI is not built");
    expect((await get("/assets/index-abc.js")).statusCode).toBe(404);
  });

  it("a build made after start is served without a restart", async () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<html>v1</html>");
    writeFileSync(join(dir, "assets", "index-v1.js"), "console.log(1)");
    expect((await get("/")).body).toBe("<html>v1</html>");
    const js = await get("/assets/index-v1.js");
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe("console.log(1)");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect((await get("/")).headers["cache-control"]).toBe("no-cache");
    expect((await get("/vendors/42")).body).toBe("<html>v1</html>");
  });

  it("a rebuild (new index.html, new hashed bundle) is served at once", async () => {
    writeFileSync(join(dir, "index.html"), "<html>v2</html>");
    writeFileSync(join(dir, "assets", "index-v2.js"), "console.log(2)");
    expect((await get("/")).body).toBe("<html>v2</html>");
    expect((await get("/documents/7")).body).toBe("<html>v2</html>");
    expect((await get("/assets/index-v2.js")).body).toBe("console.log(2)");
  });

  const misses = [
    { name: "a missing hashed bundle", url: "/assets/index-gone.js" },
    { name: "a missing asset without extension", url: "/assets/chunk" },
    { name: "a missing file with an extension", url: "/favicon.ico" },
    { name: "a missing nested file", url: "/fonts/inter.woff2?v=3" },
    { name: "an unknown api path", url: "/api/v1/nope" },
  ];
  it.each(misses)("$name → 404 problem, not index.html", async ({ url }) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("<html>");
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("a path escaping the root never reaches a file outside it", async () => {
    for (const url of [
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%2f..%2f..%2fetc%2fpasswd",
    ]) {
      expect((await get(url)).body).not.toContain("root:");
    }
  });
});

describe("isFilePath", () => {
  it.each([
    { url: "/", want: false },
    { url: "/tickets/12", want: false },
    { url: "/reviews/abc?tab=findings", want: false },
    { url: "/v1.2/page", want: false },
    { url: "/assets/x", want: true },
    { url: "/app.js", want: true },
    { url: "/a/b/c.map?x=1", want: true },
    { url: "/api", want: true },
    { url: "/api/v1/x", want: true },
  ])("$url → $want", ({ url, want }) => {
    expect(isFilePath(url)).toBe(want);
  });
});
