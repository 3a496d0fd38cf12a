import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../errors/index.js";
import { loadSecretKey, parseSecretKey, SecretBox } from "./secret-box.js";

const dir = mkdtempSync(join(tmpdir(), "ts-secret-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("secret box", () => {
  const box = new SecretBox(randomBytes(32));
  it("seals with a fresh nonce and opens only with the same key and context", () => {
    const a = box.seal("sk-value-123", "ws1:KEY");
    expect(a).not.toContain("sk-value-123");
    expect(box.seal("sk-value-123", "ws1:KEY")).not.toBe(a);
    expect(box.open(a, "ws1:KEY")).toBe("sk-value-123");
    expect(box.open(a, "ws2:KEY")).toBeNull();
    expect(new SecretBox(randomBytes(32)).open(a, "ws1:KEY")).toBeNull();
    expect(box.open("garbage", "ws1:KEY")).toBeNull();
  });
  it("reads TERMSIGHT_SECRET_KEY as base64 or hex, refusing anything else", () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString("base64"))).toEqual(key);
    expect(parseSecretKey(key.toString("hex"))).toEqual(key);
    expect(() => parseSecretKey("short")).toThrow(InputError);
    expect(() => parseSecretKey(randomBytes(16).toString("base64"))).toThrow(InputError);
  });
  it("creates the key file once with mode 0600 and reads it back; none without a file or env", () => {
    const file = join(dir, "k");
    const first = loadSecretKey({ env: {}, keyFile: file });
    expect(first).toHaveLength(32);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ env: {}, keyFile: file })).toEqual(first);
    expect(readFileSync(file, "utf8")).toBe(first?.toString("base64"));
    const fromEnv = randomBytes(32);
    expect(
      loadSecretKey({ env: { TERMSIGHT_SECRET_KEY: fromEnv.toString("base64") }, keyFile: file }),
    ).toEqual(fromEnv);
    expect(loadSecretKey({ env: {}, keyFile: null })).toBeNull();
  });
});
