import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../errors/index.js";
import { type FakeVendor, startFakeVendor } from "../../fake-vendor/index.js";
import { parseProbeDefinition } from "../../probe-definition.js";
import { runProbe } from "../../run-probe.js";
import type { ProbeSample } from "../../sample.js";
import { parseAllowlist, type Resolver } from "../../ssrf-guard.js";
import { checkHttpExpectations, HttpExpect, readJsonPath } from "./assertions.js";

/** The placeholder text `${env:VENDOR_KEY}` (built so linters do not take it for a template). */
const KEY = ["$", "{env:VENDOR_KEY}"].join("");
let vendor: FakeVendor;
beforeAll(async () => {
  vendor = await startFakeVendor();
});
afterAll(() => vendor.close());

const allow = parseAllowlist(["127.0.0.1"]);
const run = (url: string, config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  runProbe({
    ctx: { region: "sg", allow },
    input: { probe: { id: "h", kind: "http", url, timeout_ms: 2000, config, ...extra } },
  });

describe("http probe against the fake vendor", () => {
  const scenarios: {
    name: string;
    path: string;
    config?: Record<string, unknown>;
    check: (s: ProbeSample) => void;
  }[] = [
    {
      name: "200 with json path",
      path: "/health",
      config: { expect: { json_path: { path: "$.data[0].state", equals: "up" } } },
      check: (s) => expect(s.ok).toBe(true),
    },
    {
      name: "json path mismatch fails",
      path: "/health",
      config: { expect: { json_path: { path: "$.data[0].state", equals: "down" } } },
      check: (s) => expect(s.error).toMatch(/json path/),
    },
    {
      name: "body match",
      path: "/v1/models",
      config: { expect: { body_contains: "fake-model" } },
      check: (s) => expect(s.ok).toBe(true),
    },
    {
      name: "body regex mismatch",
      path: "/v1/models",
      config: { expect: { body_regex: "^nope" } },
      check: (s) => expect(s.ok).toBe(false),
    },
    {
      name: "5xx fails with status",
      path: "/status/503",
      check: (s) => expect([s.ok, s.status]).toEqual([false, 503]),
    },
    {
      name: "expected status list",
      path: "/status/404",
      config: { expect: { status: [404] } },
      check: (s) => expect(s.ok).toBe(true),
    },
    {
      name: "429 is degraded",
      path: "/status/429",
      check: (s) => expect([s.ok, s.degraded, s.status]).toEqual([false, true, 429]),
    },
    {
      name: "huge body is capped and aborted",
      path: "/huge?bytes=50000000",
      config: { max_body_bytes: 100_000 },
      check: (s) => expect(s.error).toMatch(/larger than 100000 bytes/),
    },
    {
      name: "redirect is followed",
      path: "/redirect?to=/health",
      check: (s) => expect([s.ok, s.metrics.redirects]).toEqual([true, 1]),
    },
    {
      name: "redirect to metadata is blocked",
      path: "/redirect?to=http://169.254.169.254/latest/meta-data/",
      check: (s) => expect([s.ok, s.blocked]).toEqual([false, true]),
    },
    {
      name: "redirect not followed when disabled",
      path: "/redirect?to=/health",
      config: { follow_redirects: 0 },
      check: (s) => expect(s.status).toBe(302),
    },
  ];
  for (const sc of scenarios)
    it(sc.name, async () => sc.check(await run(`${vendor.url}${sc.path}`, sc.config)));

  it("stops reading at the operator's ceiling even when the probe allows more", async () => {
    const sample = await runProbe({
      ctx: { region: null, allow, maxBodyBytes: 100_000 },
      input: {
        probe: {
          id: "big",
          url: `${vendor.url}/huge?bytes=20000000`,
          timeout_ms: 5000,
          config: { max_body_bytes: 50_000_000 },
        },
      },
    });
    expect(sample.error).toMatch(/larger than 100000 bytes/);
  });

  it("connects to the checked address, never re-resolving (a rebinding resolver is asked once)", async () => {
    let calls = 0;
    const resolver: Resolver = async () => {
      calls++;
      return [{ address: calls === 1 ? "127.0.0.1" : "169.254.169.254", family: 4 }];
    };
    const port = new URL(vendor.url).port;
    const sample = await runProbe({
      ctx: { region: null, allow, resolver },
      input: { probe: { id: "r", url: `http://vendor.test:${port}/health`, timeout_ms: 2000 } },
    });
    expect(sample.ok).toBe(true);
    expect(calls).toBe(1);
    expect(sample.timings_ms.dns).not.toBeNull();
  });

  it("keeps secrets out of the sample (url query, header and error)", async () => {
    const secret = "sk-test-SECRET-123456";
    const sample = await runProbe({
      ctx: { region: null, allow, secrets: { env: { VENDOR_KEY: secret } } },
      input: {
        probe: {
          id: "s",
          url: `${vendor.url}/status/500?api_key=\${env:VENDOR_KEY}&q=1`,
          timeout_ms: 2000,
          config: {
            headers: { authorization: `Bearer ${KEY}` },
            expect: { body_contains: secret },
          },
        },
      },
    });
    expect(sample.ok).toBe(false);
    expect(JSON.stringify(sample)).not.toContain(secret);
    expect(sample.url).toContain(KEY);
  });

  it("a missing secret is a failed sample naming the placeholder", async () => {
    const sample = await runProbe({
      ctx: { region: null, allow, secrets: { env: {} } },
      input: { probe: { id: "s", url: `${vendor.url}/health?key=\${env:NOPE}` } },
    });
    expect(sample.error).toMatch(/env:NOPE\} is not available/);
  });
});

describe("http assertions (pure)", () => {
  const expectDefaults = HttpExpect.parse(undefined);
  it.each([
    ["2xx by default", 204, "", null],
    ["5xx by default", 502, "", /unexpected status 502/],
  ])("%s", (_n, status, body, want) => {
    const r = checkHttpExpectations(expectDefaults, status as number, body as string);
    if (want === null) expect(r).toBeNull();
    else expect(r).toMatch(want as RegExp);
  });
  it("a catastrophic regex returns at all (linear engine; the old backtracking one took seconds here)", () => {
    const expectRegex = HttpExpect.parse({ body_regex: "^(a+)+$" });
    expect(checkHttpExpectations(expectRegex, 200, `${"a".repeat(28)}!`)).toMatch(/does not match/);
    expect(checkHttpExpectations(expectRegex, 200, "a".repeat(28))).toBeNull();
  }, 2000);
  it.each([
    ["backreference", "(a)\\1"],
    ["lookbehind", "(?<=a)b"],
    ["lookahead", "a(?!b)"],
    ["huge repeat", "(a{1,1000}){1,1000}"],
    ["program too large", "(a{1,100}){1,10}"],
  ])("refuses a %s at save time, naming the field", (_n, pattern) => {
    const save = () =>
      parseProbeDefinition({ id: "r", url: "http://x.test/", config: { expect: { body_regex: pattern } } });
    expect(save).toThrow(InputError);
    expect(save).toThrow(/config\.expect\.body_regex: is (not a supported regular expression|too complex)/);
  });
  it("reads json paths with indices and quoted keys", () => {
    expect(readJsonPath({ a: [{ "b c": 3 }] }, '$.a[0]["b c"]')).toEqual({ found: true, value: 3 });
    expect(readJsonPath({ a: [] }, "$.a[0]").found).toBe(false);
    expect(() => readJsonPath({}, "$..x")).toThrow();
  });
});

describe("http probe timeouts", () => {
  it("times out even when DNS never answers", async () => {
    const never: Resolver = () => new Promise(() => {});
    const sample = await runProbe({
      ctx: { region: null, allow, resolver: never },
      input: { probe: { id: "d", url: "http://slow-dns.example/", timeout_ms: 200 } },
    });
    expect([sample.ok, sample.error]).toEqual([false, "timeout after 200 ms"]);
  });
});

describe("http probe on an unknown host", () => {
  it("fails with a dns error, not a crash", async () => {
    const nx: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nx.example"), { code: "ENOTFOUND" });
    };
    const sample = await runProbe({
      ctx: { region: null, allow, resolver: nx },
      input: { probe: { id: "n", url: "https://nx.example/" } },
    });
    expect([sample.ok, sample.error, sample.blocked]).toEqual([false, "dns: host not found", false]);
  });
});
