import { InputError } from "../errors/index.js";
import type { ProbeDefinition } from "./probe-definition.js";
import { PLACEHOLDER } from "./secrets.js";

/** The largest body a probe may read unless the operator sets another ceiling (the sse kind's default). */
export const DEFAULT_MAX_PROBE_BODY_BYTES = 4 * 1024 * 1024;

/** What the operator of a server allows its stored probes (`serve --probe-env`, `--probe-max-body-bytes`). */
export interface ProbePolicy {
  /** Environment variables a probe may name as `${env:NAME}`; every other one is refused. */
  allowedEnv: ReadonlySet<string>;
  /** Ceiling for `config.max_body_bytes`; the readers stop there whatever the probe says. */
  maxBodyBytes: number;
}

export const DEFAULT_PROBE_POLICY: ProbePolicy = {
  allowedEnv: new Set(),
  maxBodyBytes: DEFAULT_MAX_PROBE_BODY_BYTES,
};

/** Every string in `value` with its field path (`url`, `config.headers.x-key`, …). */
function* stringsOf(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsOf(v, `${path}[${i}]`);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) yield* stringsOf(v, path ? `${path}.${k}` : k);
}

/**
 * Save-time checks of a stored probe against the server's policy: an `${env:NAME}` the operator did not
 * allow is refused with the same words whether or not the variable exists, and `max_body_bytes`
 * may not pass the ceiling. Throws InputError naming the field.
 */
export function checkProbePolicy(probe: ProbeDefinition, policy: ProbePolicy, source = "body"): void {
  for (const [field, text] of stringsOf(probe, "")) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (m[1] === "env" && !policy.allowedEnv.has(m[2]))
        throw new InputError(
          source,
          `${field}: \${env:${m[2]}} is not an allowed placeholder: use \${secret:NAME} for a workspace secret, or ask the operator to allow the variable with --probe-env`,
        );
    }
  }
  const maxBody = probe.config.max_body_bytes;
  if (typeof maxBody === "number" && maxBody > policy.maxBodyBytes)
    throw new InputError(
      source,
      `config.max_body_bytes: must be at most ${policy.maxBodyBytes} bytes (the server's ceiling, serve --probe-max-body-bytes)`,
    );
}

/** Only the allowed variables of an environment: what a server or agent lets probes substitute. */
export function allowedEnvOf(
  env: Record<string, string | undefined>,
  allowed: Iterable<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of allowed) {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

/** `--probe-env` flags plus `TERMSIGHT_PROBE_ENV=A,B`: the variable names probes may use. */
export function parseProbeEnvNames(flags: readonly string[], fromEnv: string | undefined): Set<string> {
  const names = [...flags, ...(fromEnv ?? "").split(",")].map((n) => n.trim()).filter(Boolean);
  for (const n of names)
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(n))
      throw new InputError("--probe-env", `"${n}" is not an environment variable name`);
  return new Set(names);
}

/** `--probe-max-body-bytes` / `TERMSIGHT_PROBE_MAX_BODY_BYTES`: a positive integer, default 4 MiB. */
export function parseMaxProbeBodyBytes(value: string | undefined, source: string): number {
  if (value === undefined || value.trim() === "") return DEFAULT_MAX_PROBE_BODY_BYTES;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InputError(source, `"${value}" must be a positive whole number of bytes`);
  return n;
}
