import { createHash, randomBytes } from "node:crypto";

/** A random secret (base64url, 32 bytes of entropy). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Hash stored for a secret (session cookie, API token, setup token): sha256 hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A new API token `ts_<random>`; only its hash and its first characters are stored. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `ts_${randomSecret(24)}`;
  return { token, prefix: token.slice(0, 9), hash: hashSecret(token) };
}

export const SESSION_COOKIE = "ts_session";
