import { describe, expect, it } from "vitest";
import { parseIp } from "./ip-address.js";
import {
  BlockedTargetError,
  classifyAddress,
  EMPTY_ALLOWLIST,
  parseAllowlist,
  type Resolver,
  resolveGuarded,
} from "./ssrf-guard.js";

const classify = (s: string) => {
  const ip = parseIp(s);
  if (!ip) throw new Error(`not an ip: ${s}`);
  return classifyAddress(ip);
};

describe("classifyAddress", () => {
  const table: [string, string | null][] = [
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", null],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["100.128.0.1", null],
    ["224.0.0.1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "reserved"],
    ["8.8.8.8", null],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd00:ec2::254", "metadata"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:8.8.8.8", null],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:0a00:0001::1", "private"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"], // Teredo client 127.0.0.1
    ["2606:4700:4700::1111", null],
  ];
  for (const [address, reason] of table) {
    it(`${address} → ${reason ?? "public"}`, () => expect(classify(address)).toBe(reason));
  }
});

const fixedResolver =
  (answers: Record<string, string[]>): Resolver =>
  async (host) =>
    (answers[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("resolveGuarded", () => {
  const resolver = fixedResolver({
    "evil.example": ["10.0.0.5"],
    "mixed.example": ["::1", "127.0.0.1"],
    "public.example": ["93.184.216.34"],
    "rebind.example": ["192.168.0.10", "93.184.216.34"],
  });
  const scenarios: { name: string; host: string; allow: string[]; address?: string; blocked?: boolean }[] = [
    { name: "metadata literal is refused", host: "169.254.169.254", allow: [], blocked: true },
    { name: "loopback literal is refused", host: "127.0.0.1", allow: [], blocked: true },
    { name: "bracketed ipv6 loopback is refused", host: "[::1]", allow: [], blocked: true },
    { name: "mapped private is refused", host: "[::ffff:10.0.0.1]", allow: [], blocked: true },
    {
      name: "metadata host name is refused without dns",
      host: "metadata.google.internal",
      allow: [],
      blocked: true,
    },
    { name: "name resolving to private is refused", host: "evil.example", allow: [], blocked: true },
    { name: "loopback allowed by address", host: "127.0.0.1", allow: ["127.0.0.1"], address: "127.0.0.1" },
    { name: "private allowed by cidr", host: "evil.example", allow: ["10.0.0.0/8"], address: "10.0.0.5" },
    {
      name: "private allowed by host name",
      host: "evil.example",
      allow: ["evil.example"],
      address: "10.0.0.5",
    },
    {
      name: "first allowed address is pinned",
      host: "mixed.example",
      allow: ["127.0.0.1"],
      address: "127.0.0.1",
    },
    { name: "public address passes", host: "public.example", allow: [], address: "93.184.216.34" },
    {
      name: "a private answer is skipped for the public one",
      host: "rebind.example",
      allow: [],
      address: "93.184.216.34",
    },
  ];
  for (const s of scenarios) {
    it(s.name, async () => {
      const promise = resolveGuarded(s.host, parseAllowlist(s.allow), { resolver });
      if (s.blocked) await expect(promise).rejects.toBeInstanceOf(BlockedTargetError);
      else expect((await promise).address).toBe(s.address);
    });
  }

  it("a blocked error is a FORBIDDEN termsight error that says blocked", async () => {
    const err = await resolveGuarded("169.254.169.254", EMPTY_ALLOWLIST).catch((e) => e);
    expect(err.code).toBe("FORBIDDEN");
    expect(err.reason).toBe("metadata");
  });

  it("rejects a malformed allow entry", () => {
    expect(() => parseAllowlist(["10.0.0.0/99"])).toThrow();
  });
});
