import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { InputError } from "../errors/index.js";

/**
 * Where `${env:NAME}` and `${secret:NAME}` placeholders are looked up. On a server or an agent `env`
 * holds only the variables the operator allowed (`--probe-env`), never the whole process environment.
 */
export interface SecretSource {
  env: Record<string, string | undefined>;
  /** Values for `${secret:NAME}`: a secrets file (`loadSecretsFile`) or the workspace's stored secrets. */
  file?: Record<string, string>;
}

export const PLACEHOLDER = /\$\{(env|secret):([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/**
 * Why a placeholder has no value. The same words whether the name is unset or not allowed, so a
 * probe cannot tell which variables a machine has.
 */
export function unavailablePlaceholder(scope: string, name: string): string {
  return scope === "env"
    ? `\${env:${name}} is not available: use \${secret:NAME} for a workspace secret, or ask the operator to allow the variable with --probe-env`
    : `\${secret:${name}} is not available: store it as a workspace secret (or in the agent's --secrets file)`;
}

/** Reads a secrets file: JSON or YAML mapping, or `NAME=value` lines. */
export async function loadSecretsFile(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new InputError(
      path,
      `cannot read secrets file (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  return parseSecrets(text, path);
}

export function parseSecrets(text: string, source: string): Record<string, string> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith("#"));
  if (lines.length > 0 && lines.every((l) => /^[A-Za-z_][\w.-]*\s*=/.test(l.trim()))) {
    return Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf("=")).trim(), l.slice(l.indexOf("=") + 1).trim()]),
    );
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    throw new InputError(source, "secrets file is neither NAME=value lines, JSON nor YAML");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new InputError(source, "secrets file must be a mapping");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== "string" && typeof v !== "number")
      throw new InputError(source, `secret ${k} must be a string`);
    out[k] = String(v);
  }
  return out;
}

/** Replaces placeholders in every string of `value`; returns the resolved copy and the secret values used (for redaction). */
export function resolveSecrets<T>(
  value: T,
  source: SecretSource,
  where = "config",
): { value: T; secrets: string[] } {
  const secrets = new Set<string>();
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      return v.replace(PLACEHOLDER, (_m, scope: string, name: string) => {
        const from = scope === "env" ? source.env : source.file;
        const found = from && Object.hasOwn(from, name) ? from[name] : undefined;
        if (typeof found !== "string" || found === "")
          throw new InputError(path, unavailablePlaceholder(scope, name));
        secrets.add(found);
        return found;
      });
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${path}.${k}`)]));
    }
    return v;
  };
  return { value: walk(value, where) as T, secrets: [...secrets] };
}

const SENSITIVE_KEY = /key|token|secret|passw|pwd|sig|auth|credential|session|cookie/i;
const MASK = "***";

/** Masks sensitive query values and the password in a URL (placeholders stay as they are). */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.password) url.password = MASK;
  for (const key of [...url.searchParams.keys()]) {
    if (SENSITIVE_KEY.test(key) && !/^\$\{(env|secret):/.test(url.searchParams.get(key) ?? ""))
      url.searchParams.set(key, MASK);
  }
  return url.toString().replaceAll("%2A%2A%2A", MASK).replaceAll("%24%7B", "${").replaceAll("%7D", "}");
}

/** Masks headers whose name suggests a credential. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SENSITIVE_KEY.test(k) ? MASK : v]));
}

/** A function that masks every resolved secret value (and its URL-encoded form) in a text. */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s)]))]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  return (text) => values.reduce((acc, s) => acc.split(s).join(MASK), text);
}
