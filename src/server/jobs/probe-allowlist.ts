import { type Allowlist, parseAllowlist } from "../../probes/index.js";

/**
 * The private targets the server itself may probe: `TERMSIGHT_PROBE_ALLOW`, comma-separated host
 * names, addresses or CIDRs; empty by default, so the SSRF guard refuses every private address.
 */
export function serverProbeAllowlist(env: Record<string, string | undefined>): Allowlist {
  return parseAllowlist((env.TERMSIGHT_PROBE_ALLOW ?? "").split(","), "TERMSIGHT_PROBE_ALLOW");
}
