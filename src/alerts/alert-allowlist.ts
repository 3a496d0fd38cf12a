import { type Allowlist, parseAllowlist } from "../probes/index.js";

/**
 * The operator's explicit allow-list for alert destinations (`TERMSIGHT_ALERT_ALLOW`, comma
 * separated hosts, addresses or CIDRs, e.g. `hooks.internal,10.1.0.0/16`). Empty: only public
 * addresses. Shown by the API so admins see why a private destination is refused.
 */
export function alertAllowlist(env: Record<string, string | undefined>): {
  entries: string[];
  allow: Allowlist;
} {
  const entries = (env.TERMSIGHT_ALERT_ALLOW ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { entries, allow: parseAllowlist(entries, "TERMSIGHT_ALERT_ALLOW") };
}
