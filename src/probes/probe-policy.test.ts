import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { parseProbeDefinition } from "./probe-definition.js";
import {
  allowedEnvOf,
  checkProbePolicy,
  parseMaxProbeBodyBytes,
  parseProbeEnvNames,
} from "./probe-policy.js";

const ph = (scope: string, name: string) => ["$", `{${scope}:${name}}`].join("");
const policy = { allowedEnv: new Set(["VENDOR_KEY"]), maxBodyBytes: 1000 };
const check = (raw: Record<string, unknown>) => () =>
  checkProbePolicy(parseProbeDefinition({ id: "p", url: "https://x.example/", ...raw }), policy);

describe("probe policy", () => {
  it.each([
    ["url", { url: `https://x.example/${ph("env", "HOME")}` }, /^body: url: /],
    ["header", { config: { headers: { a: ph("env", "PATH") } } }, /config\.headers\.a: /],
    ["body", { config: { body: `{"k":"${ph("env", "NOPE")}"}` } }, /config\.body: /],
    ["name", { name: ph("env", "USER") }, /name: /],
  ])("refuses an env placeholder the operator did not allow in the %s", (_n, raw, field) => {
    expect(check(raw)).toThrow(InputError);
    expect(check(raw)).toThrow(field);
    expect(check(raw)).toThrow(/is not an allowed placeholder: use .*secret:NAME.* --probe-env/);
  });
  it("accepts allowed env names and any secret name", () => {
    expect(
      check({
        url: `https://x.example/?k=${ph("env", "VENDOR_KEY")}`,
        config: { headers: { a: ph("secret", "ANY") } },
      }),
    ).not.toThrow();
  });
  it("refuses max_body_bytes above the ceiling, accepts it at the ceiling", () => {
    expect(check({ config: { max_body_bytes: 1001 } })).toThrow(
      /config\.max_body_bytes: must be at most 1000/,
    );
    expect(check({ config: { max_body_bytes: 1000 } })).not.toThrow();
  });
  it("hands probes only the listed variables that are set (never inherited properties)", () => {
    expect(allowedEnvOf({ A: "1", B: "2" }, ["A", "C", "constructor"])).toEqual({ A: "1" });
  });
  it("reads --probe-env flags and TERMSIGHT_PROBE_ENV, refusing what is not a name", () => {
    expect([...parseProbeEnvNames(["A"], "B, C,")]).toEqual(["A", "B", "C"]);
    expect(() => parseProbeEnvNames(["A=1"], undefined)).toThrow(InputError);
  });
  it("reads the ceiling, default 4 MiB", () => {
    expect(parseMaxProbeBodyBytes(undefined, "x")).toBe(4 * 1024 * 1024);
    expect(parseMaxProbeBodyBytes("2048", "x")).toBe(2048);
    expect(() => parseMaxProbeBodyBytes("1e99", "x")).toThrow(InputError);
    expect(() => parseMaxProbeBodyBytes("0", "x")).toThrow(InputError);
  });
});
