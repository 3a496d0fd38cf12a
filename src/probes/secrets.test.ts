import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import {
  loadSecretsFile,
  parseSecrets,
  redactHeaders,
  redactUrl,
  resolveSecrets,
  secretRedactor,
} from "./secrets.js";

const ph = (scope: string, name: string) => ["$", `{${scope}:${name}}`].join("");

describe("secrets", () => {
  it("resolves env and secrets-file placeholders everywhere in a config and lists the values used", () => {
    const { value, secrets } = resolveSecrets(
      {
        url: `https://x.example/?key=${ph("env", "A")}`,
        headers: { authorization: `Bearer ${ph("secret", "B")}` },
        list: [ph("env", "A")],
      },
      { env: { A: "alpha-123" }, file: { B: "bravo-456" } },
    );
    expect(value).toEqual({
      url: "https://x.example/?key=alpha-123",
      headers: { authorization: "Bearer bravo-456" },
      list: ["alpha-123"],
    });
    expect(secrets.sort()).toEqual(["alpha-123", "bravo-456"]);
  });

  it("names the missing placeholder and its field, without any value", () => {
    const err = (() => {
      try {
        resolveSecrets({ headers: { "x-key": ph("env", "MISSING") } }, { env: {} });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^config\.headers\.x-key: \$\{env:MISSING\} is not available/);
  });

  it.each([
    ["api key query", "https://x.example/v1?api_key=abc123&q=1", "https://x.example/v1?api_key=***&q=1"],
    ["token and signature", "https://x.example/?token=t&sig=s", "https://x.example/?token=***&sig=***"],
    ["password in url", "https://user:pw@x.example/", "https://user:***@x.example/"],
    [
      "placeholder kept",
      `https://x.example/?key=${ph("env", "K")}`,
      `https://x.example/?key=${ph("env", "K")}`,
    ],
    ["plain url untouched", "https://x.example/health?q=1", "https://x.example/health?q=1"],
  ])("redacts urls: %s", (_n, input, want) => expect(redactUrl(input)).toBe(want));

  it("redacts credential headers", () => {
    expect(redactHeaders({ Authorization: "Bearer x", "X-Api-Key": "k", accept: "json" })).toEqual({
      Authorization: "***",
      "X-Api-Key": "***",
      accept: "json",
    });
  });

  it("masks secret values and their url-encoded form in any text", () => {
    const redact = secretRedactor(["p@ss word!"]);
    expect(redact("got p@ss word! and p%40ss%20word!")).toBe("got *** and ***");
  });

  it("reads NAME=value, JSON and YAML secrets files", async () => {
    expect(parseSecrets("# c\nA=1\nB = two\n", "s.env")).toEqual({ A: "1", B: "two" });
    expect(parseSecrets('{"A": "x"}', "s.json")).toEqual({ A: "x" });
    expect(parseSecrets("A: y\n", "s.yaml")).toEqual({ A: "y" });
    expect(() => parseSecrets("- a\n- b\n", "s.yaml")).toThrow(InputError);
    const dir = mkdtempSync(join(tmpdir(), "termsight-secrets-"));
    writeFileSync(join(dir, "s.env"), "K=v\n");
    expect(await loadSecretsFile(join(dir, "s.env"))).toEqual({ K: "v" });
    await expect(loadSecretsFile(join(dir, "missing"))).rejects.toBeInstanceOf(InputError);
  });
});
