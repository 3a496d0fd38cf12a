import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { InputError } from "../../errors/index.js";

/** The key file created beside an embedded (PGlite) store when TERMSIGHT_SECRET_KEY is not set. */
export const SECRET_KEY_FILE = "termsight-secret.key";

/**
 * AES-256-GCM for workspace secrets. Each value is sealed with a fresh 96-bit nonce and the
 * workspace id and secret name as associated data, so a sealed value copied to another row or
 * workspace does not open.
 */
export class SecretBox {
  readonly #key: Buffer;
  /** A short fingerprint of the key (stored with each value: a changed key is named, not a garbled value). */
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("a secret key is 32 bytes");
    this.#key = Buffer.from(key);
    this.keyId = createHash("sha256").update(key).digest("hex").slice(0, 16);
  }

  seal(value: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  /** The value, or null when it does not open with this key and context. */
  open(sealed: string, context: string): string | null {
    try {
      const raw = Buffer.from(sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", this.#key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  }
}

/** `TERMSIGHT_SECRET_KEY`: 32 bytes as base64 or 64 hex digits (`openssl rand -base64 32`). */
export function parseSecretKey(text: string, source = "TERMSIGHT_SECRET_KEY"): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(t) && key.toString("base64") !== t))
    throw new InputError(
      source,
      "must be 32 bytes as base64 or 64 hex digits (e.g. openssl rand -base64 32)",
    );
  return key;
}

/**
 * The server's secret key: `TERMSIGHT_SECRET_KEY` when set; else, with a key file path (embedded store),
 * that file, created with 32 random bytes and mode 0600 on first use; else null (workspace secrets off).
 */
export function loadSecretKey(opts: {
  env: Record<string, string | undefined>;
  keyFile: string | null;
}): Buffer | null {
  const fromEnv = opts.env.TERMSIGHT_SECRET_KEY;
  if (fromEnv) return parseSecretKey(fromEnv);
  if (!opts.keyFile) return null;
  try {
    const fd = openSync(opts.keyFile, "wx", 0o600);
    try {
      writeSync(fd, randomBytes(32).toString("base64"));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return parseSecretKey(readFileSync(opts.keyFile, "utf8"), opts.keyFile);
}
