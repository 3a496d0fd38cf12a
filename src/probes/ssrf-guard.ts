import { lookup as dnsLookup } from "node:dns/promises";
import { ForbiddenError, InputError } from "../errors/index.js";
import { type Cidr, cidrContains, embeddedIpv4, type IpAddress, parseCidr, parseIp } from "./ip-address.js";

/** Why an address is refused; null when it is a public address. */
export type BlockReason =
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "multicast"
  | "unspecified"
  | "metadata"
  | "unique-local"
  | "reserved";

const rule = (cidr: string, reason: BlockReason) => ({ cidr: parseCidr(cidr) as Cidr, reason });

/** Order matters: the first match names the reason (metadata before link-local). */
const BLOCKED_RANGES = [
  rule("169.254.169.254/32", "metadata"),
  rule("100.100.100.200/32", "metadata"), // Alibaba Cloud metadata
  rule("fd00:ec2::254/128", "metadata"),
  rule("0.0.0.0/32", "unspecified"),
  rule("0.0.0.0/8", "reserved"),
  rule("10.0.0.0/8", "private"),
  rule("100.64.0.0/10", "cgnat"),
  rule("127.0.0.0/8", "loopback"),
  rule("169.254.0.0/16", "link-local"),
  rule("172.16.0.0/12", "private"),
  rule("192.0.0.0/24", "reserved"),
  rule("192.168.0.0/16", "private"),
  rule("198.18.0.0/15", "reserved"),
  rule("224.0.0.0/4", "multicast"),
  rule("240.0.0.0/4", "reserved"), // includes 255.255.255.255
  rule("::/128", "unspecified"),
  rule("::1/128", "loopback"),
  rule("fe80::/10", "link-local"),
  rule("fec0::/10", "private"), // deprecated site-local
  rule("fc00::/7", "unique-local"),
  rule("ff00::/8", "multicast"),
  rule("100::/64", "reserved"), // discard-only
];

const BLOCKED_HOSTNAMES = new Set(["metadata.google.internal", "metadata", "metadata.goog"]);

/** Classifies an address: the reason it is refused, or null when public. Follows embedded IPv4. */
export function classifyAddress(ip: IpAddress): BlockReason | null {
  for (const r of BLOCKED_RANGES) if (cidrContains(r.cidr, ip)) return r.reason;
  const inner = embeddedIpv4(ip);
  return inner ? classifyAddress(inner) : null;
}

/** Hosts and networks the operator explicitly allows (`--allow 127.0.0.1`, `--allow 10.0.0.0/8`, `--allow db.local`). */
export interface Allowlist {
  hosts: string[];
  cidrs: Cidr[];
}

export function parseAllowlist(entries: readonly string[], source = "allow"): Allowlist {
  const out: Allowlist = { hosts: [], cidrs: [] };
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const cidr = parseCidr(entry);
    if (cidr) out.cidrs.push(cidr);
    else if (/^[a-z0-9.-]+$/i.test(entry) && !entry.includes("/")) out.hosts.push(entry.toLowerCase());
    else throw new InputError(source, `"${entry}" is neither a host name, an address nor a CIDR`);
  }
  return out;
}

export const EMPTY_ALLOWLIST: Allowlist = { hosts: [], cidrs: [] };

function allowsAddress(allow: Allowlist, ip: IpAddress): boolean {
  const inner = ip.version === 6 ? embeddedIpv4(ip) : null;
  return allow.cidrs.some((c) => cidrContains(c, ip) || (inner !== null && cidrContains(c, inner)));
}

/** A probe target refused by the SSRF guard (exit 2 on the CLI, 403 on the server). */
export class BlockedTargetError extends ForbiddenError {
  readonly host: string;
  readonly address: string | null;
  readonly reason: BlockReason;
  constructor(host: string, address: string | null, reason: BlockReason) {
    const where = address && address !== host ? `${host} (${address})` : host;
    super(`target ${where} blocked: ${reason} address (allow it explicitly with --allow)`);
    this.host = host;
    this.address = address;
    this.reason = reason;
  }
}

export function isBlockedTargetError(err: unknown): err is BlockedTargetError {
  return err instanceof BlockedTargetError;
}

/** Checks one resolved address for `host`; throws BlockedTargetError when refused. */
export function checkAddress(host: string, address: string, allow: Allowlist): void {
  const ip = parseIp(address);
  if (!ip) throw new BlockedTargetError(host, address, "reserved");
  const reason = classifyAddress(ip);
  if (reason && !allowsAddress(allow, ip) && !allow.hosts.includes(host.toLowerCase())) {
    throw new BlockedTargetError(host, address, reason);
  }
}

export interface ResolvedTarget {
  host: string;
  address: string;
  family: 4 | 6;
  dnsMs: number;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves `host` once and returns the first address the guard accepts; the caller connects to
 * exactly that address (no second resolution, so no DNS rebinding). IP literals skip DNS.
 */
export async function resolveGuarded(
  host: string,
  allow: Allowlist,
  opts: { resolver?: Resolver; now?: () => number } = {},
): Promise<ResolvedTarget> {
  const now = opts.now ?? performance.now.bind(performance);
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const name = bare.toLowerCase().replace(/\.$/, "");
  const literal = parseIp(bare);
  if (literal) {
    const address = bare.split("%")[0];
    checkAddress(name, address, allow);
    return { host: bare, address, family: literal.version, dnsMs: 0 };
  }
  if (BLOCKED_HOSTNAMES.has(name) && !allow.hosts.includes(name))
    throw new BlockedTargetError(name, null, "metadata");
  const started = now();
  const addresses = await (opts.resolver ?? systemResolver)(name);
  const dnsMs = now() - started;
  let firstRefusal: BlockedTargetError | null = null;
  for (const a of addresses) {
    try {
      checkAddress(name, a.address, allow);
      return { host: bare, address: a.address, family: a.family === 6 ? 6 : 4, dnsMs };
    } catch (err) {
      if (!(err instanceof BlockedTargetError)) throw err;
      firstRefusal ??= err;
    }
  }
  if (firstRefusal) throw firstRefusal;
  throw new InputError(host, "host name resolved to no address");
}

/** A `lookup` for net/http/ws that always answers the already checked address (connection pinning). */
export function pinnedLookup(target: ResolvedTarget) {
  return (
    _hostname: string,
    options: { all?: boolean } | number | undefined,
    callback: (
      err: Error | null,
      address: string | { address: string; family: number }[],
      family?: number,
    ) => void,
  ): void => {
    const all = typeof options === "object" && options?.all;
    if (all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}
