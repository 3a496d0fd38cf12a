import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/index.js";
import { serveAuthOptions } from "./serve-auth-options.js";

describe("serveAuthOptions", () => {
  it("defaults: lifetimes left to the server, no proxy trusted, Secure when https", () => {
    expect(serveAuthOptions({}, {})).toEqual({
      sessionHours: undefined,
      sessionIdleMinutes: undefined,
      trustProxy: false,
      secureCookies: "auto",
    });
  });

  it("reads flags before the environment", () => {
    const env = {
      TERMSIGHT_SESSION_HOURS: "8",
      TERMSIGHT_TRUST_PROXY: "true",
      TERMSIGHT_SECURE_COOKIES: "1",
    };
    expect(serveAuthOptions({ "session-hours": "4", "session-idle-minutes": "30" }, env)).toEqual({
      sessionHours: 4,
      sessionIdleMinutes: 30,
      trustProxy: true,
      secureCookies: true,
    });
    expect(serveAuthOptions({ "trust-proxy": "127.0.0.1, 10.0.0.0/8" }, {}).trustProxy).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
    ]);
    expect(serveAuthOptions({ "trust-proxy": "2" }, {}).trustProxy).toBe(2);
  });

  it.each([
    { "session-hours": "0" },
    { "session-idle-minutes": "soon" },
    { "trust-proxy": "proxy.example" },
    { "secure-cookies": "yes" },
  ])("refuses %j with an InputError", (values) => {
    expect(() => serveAuthOptions(values, {})).toThrow(InputError);
  });
});
