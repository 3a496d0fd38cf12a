import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing.js";

let t: TestApp;
let clock = new Date("2026-05-01T00:00:00Z");
beforeAll(async () => {
  t = await buildTestApp({
    now: () => clock,
    loginRateLimit: 1000, // the per ip+email minute limit stays out of the way
    loginLimits: { perIp: 5, perEmail: 3, baseLockMs: 10_000 },
  });
});
afterAll(async () => {
  await t?.close();
});

const login = (
  email: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password },
    remoteAddress,
    headers,
  });

describe("failed-login limits", () => {
  it("limits one IP spraying across many emails, with growing backoff", async () => {
    const ip = "192.0.2.10";
    for (let i = 0; i < 5; i++)
      expect((await login(`spray${i}@acme.test`, "Summer2026!", ip)).statusCode).toBe(401);
    const blocked = await login("spray-new@acme.test", "Summer2026!", ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["content-type"]).toContain("application/problem+json");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // refused before the password is looked at, even a right one
    expect((await login(t.users.editor.email, t.users.editor.password, ip)).statusCode).toBe(429);
    // another address is not affected
    expect((await login(t.users.editor.email, t.users.editor.password, "192.0.2.11")).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 11_000);
    expect((await login("spray-late@acme.test", "Summer2026!", ip)).statusCode).toBe(401);
    const again = await login("spray-later@acme.test", "Summer2026!", ip);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers["retry-after"])).toBeGreaterThanOrEqual(20); // doubled
  });

  it("limits one email guessed from many IPs; a right password after the lock clears it", async () => {
    const email = t.users.viewer.email;
    for (let i = 0; i < 3; i++)
      expect((await login(email, `guess ${i}`, `198.51.100.${i}`)).statusCode).toBe(401);
    expect((await login(email, "guess 4", "198.51.100.50")).statusCode).toBe(429);
    expect((await login(email, t.users.viewer.password, "198.51.100.51")).statusCode).toBe(429);
    // other accounts log in from those addresses
    expect((await login(t.users.admin.email, t.users.admin.password, "198.51.100.1")).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 11_000);
    expect((await login(email, t.users.viewer.password, "198.51.100.52")).statusCode).toBe(200);
    expect((await login(email, "guess 5", "198.51.100.53")).statusCode).toBe(401);
  });

  it("ignores X-Forwarded-For unless trustProxy is set", async () => {
    for (let i = 0; i < 5; i++)
      await login(`xff${i}@acme.test`, "Summer2026!", "203.0.113.7", { "x-forwarded-for": `10.9.9.${i}` });
    const res = await login("xff-new@acme.test", "Summer2026!", "203.0.113.7", {
      "x-forwarded-for": "10.9.9.99",
    });
    expect(res.statusCode).toBe(429);
  });
});

describe("trustProxy and the Secure cookie flag", () => {
  it("behind a trusted proxy, X-Forwarded-For is the client and X-Forwarded-Proto https makes the cookie Secure", async () => {
    const p = await buildTestApp({ trustProxy: "127.0.0.1", loginLimits: { perIp: 2 } });
    try {
      const viaProxy = (ip: string, email: string, password: string) =>
        p.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: "127.0.0.1",
          headers: { "x-forwarded-for": ip, "x-forwarded-proto": "https" },
          payload: { email, password },
        });
      for (let i = 0; i < 2; i++) await viaProxy("192.0.2.1", `p${i}@acme.test`, "Summer2026!");
      expect((await viaProxy("192.0.2.1", "p9@acme.test", "Summer2026!")).statusCode).toBe(429);
      const ok = await viaProxy("192.0.2.2", p.users.admin.email, p.users.admin.password);
      expect(ok.statusCode).toBe(200);
      expect(ok.cookies.find((c) => c.name === "ts_session")?.secure).toBe(true);
    } finally {
      await p.close();
    }
  });

  it("secureCookies: true marks the cookie Secure even over plain http", async () => {
    const p = await buildTestApp({ secureCookies: true });
    try {
      const res = await p.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: p.users.admin.email, password: p.users.admin.password },
      });
      expect(res.cookies.find((c) => c.name === "ts_session")?.secure).toBe(true);
    } finally {
      await p.close();
    }
  });
});
