import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT } from "./request-guards.js";
import { spoolBody } from "./spool-body.js";
import { buildTestApp, type TestApp } from "./testing.js";

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t?.close();
});

/**
 * Sends the headers of a huge body and only its first kilobyte, then waits for the answer: a
 * server that reads bodies before checking the caller would wait for the rest until the timeout.
 */
function answerToHugeBody(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-length": String(1024 ** 3), ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", (err) => {
      if ((err as NodeJS.ErrnoException).code !== "ECONNRESET") reject(err);
    });
    req.write(Buffer.alloc(1024, 0x61));
  });
}

describe("checks before the body is read", () => {
  it("refuses an anonymous 1 GB body with 401 before reading it", async () => {
    const status = await answerToHugeBody(`/api/v1/workspaces/${t.ws}/vendors`, {
      "content-type": "application/json",
    });
    expect(status).toBe(401);
  });

  it("refuses a non-member's upload with 404 and a viewer's with 403 before reading it", async () => {
    const type = { "content-type": "multipart/form-data; boundary=x" };
    expect(
      await answerToHugeBody(`/api/v1/workspaces/${t.otherWs}/documents`, {
        ...type,
        ...t.users.editor.headers,
      }),
    ).toBe(404);
    expect(
      await answerToHugeBody(`/api/v1/workspaces/${t.ws}/documents`, { ...type, ...t.users.viewer.headers }),
    ).toBe(403);
  });

  it("refuses an anonymous 1 GB archive import without the setup token before reading it", async () => {
    const zip = { "content-type": "application/zip" };
    expect(await answerToHugeBody("/api/v1/import", zip)).toBe(401);
    expect(await answerToHugeBody("/api/v1/import", { ...zip, "x-setup-token": "guess" })).toBe(401);
  });

  it("spools a body to disk and stops at its limit, declared or streamed", async () => {
    const small = await spoolBody(Readable.from([Buffer.from("abc")]), undefined, 10);
    expect((await small.read()).toString()).toBe("abc");
    await small.remove();
    await expect(
      spoolBody(Readable.from([Buffer.alloc(8), Buffer.alloc(8)]), undefined, 10),
    ).rejects.toMatchObject({ code: "TOO_LARGE" });
    await expect(spoolBody(Readable.from([]), String(1024 ** 3), 10)).rejects.toMatchObject({
      code: "TOO_LARGE",
    });
  });

  it("answers 413 for a JSON body over the limit of an ordinary route", async () => {
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ name: "x", notes: "n".repeat(DEFAULT_BODY_LIMIT + 1) }),
    });
    expect(res.statusCode).toBe(413);
  });
});

describe("input the store cannot hold is a 400, not a 500", () => {
  it("JSON nested 100,000 levels deep", async () => {
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      headers: { "content-type": "application/json" },
      payload: `{"name":"x","notes":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("a NUL character in a JSON string, the path or the query", async () => {
    const body = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "a\u0000b" },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().detail).toMatch(/^body\.name: /);
    const path = await t.as(t.users.editor, {
      method: "GET",
      url: `/api/v1/workspaces/${t.ws}/vendors/a%00b`,
    });
    expect(path.statusCode).toBe(400);
    const query = await t.as(t.users.editor, {
      method: "GET",
      url: `/api/v1/workspaces/${t.ws}/documents?vendor_id=a%00b`,
    });
    expect(query.statusCode).toBe(400);
  });
});

describe("security headers", () => {
  it("the app shell gets a strict CSP with no inline script and no framing", async () => {
    const res = await t.app.inject({ method: "GET", url: "/" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("API answers forbid loading and framing; Swagger UI keeps its own hashed-script policy, unframed", async () => {
    const api = await t.as(t.users.viewer, { method: "GET", url: `/api/v1/workspaces/${t.ws}/vendors` });
    expect(api.headers["content-security-policy"]).toContain("default-src 'none'");
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    const csp = String(docs.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
});
