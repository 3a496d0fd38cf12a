import { InputError } from "../../errors/index.js";
import type { BuildServerOptions } from "../../server/index.js";

/** The serve flags of this module (also read from TERMSIGHT_* environment variables). */
export const SERVE_AUTH_FLAGS = {
  "session-hours": { type: "string" },
  "session-idle-minutes": { type: "string" },
  "trust-proxy": { type: "string" },
  "secure-cookies": { type: "string" },
} as const;

type Values = Partial<Record<keyof typeof SERVE_AUTH_FLAGS, string>>;

function positive(flag: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new InputError(
      flag,
      `"${raw}" is not a number of ${flag.includes("hours") ? "hours" : "minutes"} (above 0, at most ${max})`,
    );
  return n;
}

/**
 * Session lifetimes, the proxies to trust and the Secure cookie flag, from the flags or else the
 * environment (TERMSIGHT_SESSION_HOURS, TERMSIGHT_SESSION_IDLE_MINUTES, TERMSIGHT_TRUST_PROXY,
 * TERMSIGHT_SECURE_COOKIES).
 * - `--trust-proxy`: `true` (every hop), a hop count, or comma-separated proxy addresses/CIDRs
 *   (`127.0.0.1,10.0.0.0/8`); unset = X-Forwarded-* ignored.
 * - `--secure-cookies`: `true` | `false` | `auto` (default: Secure when the request is https).
 */
export function serveAuthOptions(
  values: Values,
  env: Record<string, string | undefined>,
): Pick<BuildServerOptions, "sessionHours" | "sessionIdleMinutes" | "trustProxy" | "secureCookies"> {
  const sessionHours = positive(
    "--session-hours",
    values["session-hours"] ?? env.TERMSIGHT_SESSION_HOURS,
    24 * 366,
  );
  const sessionIdleMinutes = positive(
    "--session-idle-minutes",
    values["session-idle-minutes"] ?? env.TERMSIGHT_SESSION_IDLE_MINUTES,
    60 * 24 * 366,
  );
  const proxy = (values["trust-proxy"] ?? env.TERMSIGHT_TRUST_PROXY ?? "").trim();
  let trustProxy: BuildServerOptions["trustProxy"];
  if (proxy === "" || proxy === "false") trustProxy = false;
  else if (proxy === "true") trustProxy = true;
  else if (/^\d+$/.test(proxy)) trustProxy = Number(proxy);
  else {
    const list = proxy.split(",").map((s) => s.trim());
    const bad = list.find((s) => !/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(s));
    if (bad !== undefined)
      throw new InputError(
        "--trust-proxy",
        `"${bad}" is not an address or CIDR (expected true, a hop count, or addresses)`,
      );
    trustProxy = list;
  }
  const secure = (values["secure-cookies"] ?? env.TERMSIGHT_SECURE_COOKIES ?? "auto").trim().toLowerCase();
  const secureCookies = ({ true: true, "1": true, false: false, "0": false, auto: "auto" } as const)[
    secure as "true" | "1" | "false" | "0" | "auto"
  ];
  if (secureCookies === undefined)
    throw new InputError(
      "--secure-cookies",
      `unknown value "${secure}" (expected one of: true, false, auto)`,
    );
  return { sessionHours, sessionIdleMinutes, trustProxy, secureCookies };
}
