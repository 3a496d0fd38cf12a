import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../../probes/index.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

/** The placeholder text `${env:VENDOR_KEY}` (built so linters do not take it for a template). */
const KEY = ["$", "{env:VENDOR_KEY}"].join("");
let vendor: FakeVendor;
beforeAll(async () => {
  vendor = await startFakeVendor();
});
afterAll(() => vendor.close());

describe("termsight probe", () => {
  it("prints the contract sample as json", async () => {
    const io = memoryIo();
    const code = await main(["probe", `${vendor.url}/health`, "--allow", "127.0.0.1", "--region", "sg"], io);
    expect(code).toBe(0);
    const sample = JSON.parse(io.out);
    expect(Object.keys(sample)).toEqual(
      expect.arrayContaining(["url", "kind", "region", "at", "ok", "status", "error", "timings_ms"]),
    );
    expect(Object.keys(sample.timings_ms)).toEqual([
      "dns",
      "connect",
      "tls",
      "first_byte",
      "first_token",
      "total",
    ]);
    expect(sample).toMatchObject({ kind: "http", region: "sg", ok: true, status: 200, error: null });
  });

  const refusals: [string, string[]][] = [
    ["cloud metadata", ["http://169.254.169.254/latest/meta-data/"]],
    ["loopback without --allow", [`${"http://127.0.0.1"}:9/`]],
    ["ipv4-mapped private", ["http://[::ffff:10.0.0.1]/"]],
    ["metadata host name", ["http://metadata.google.internal/computeMetadata/v1/"]],
    ["decimal-encoded loopback", ["http://2130706433/"]],
    ["hex-encoded loopback", ["http://0x7f000001/"]],
    ["mapped metadata", ["http://[::ffff:169.254.169.254]/"]],
    ["ipv6 loopback", ["http://[::1]:9/"]],
    ["tcp to a decimal-encoded loopback", ["tcp://2130706433:22"]],
    ["tls to the metadata address", ["169.254.169.254:443", "--kind", "tls"]],
    ["websocket to a private address", ["ws://10.0.0.1/"]],
  ];
  for (const [name, args] of refusals) {
    it(`refuses ${name} with exit 2 and a one-line 'blocked' message`, async () => {
      const io = memoryIo();
      expect(await main(["probe", ...args], io)).toBe(2);
      expect(io.err).toMatch(/blocked/);
      expect(io.err.trim().split("\n")).toHaveLength(1);
      expect(io.out).toBe("");
    });
  }

  it.each([
    ["no url", []],
    ["bad kind", ["http://x.example", "--kind", "ftp"]],
    ["bad timeout", ["http://x.example", "--timeout", "soon"]],
    ["unknown flag", ["http://x.example", "--nope"]],
    ["bad allow entry", ["http://x.example", "--allow", "10.0.0.0/99"]],
  ])("bad usage (%s) exits 2", async (_n, args) => {
    const io = memoryIo();
    expect(await main(["probe", ...(args as string[])], io)).toBe(2);
  });

  it("a failed probe prints its sample and exits 1", async () => {
    const io = memoryIo();
    expect(
      await main(["probe", `${vendor.url}/status/503`, "--allow", "127.0.0.1", "--format", "table"], io),
    ).toBe(1);
    expect(io.out).toMatch(/status\s+503/);
  });

  it("sse kind reports time to first token", async () => {
    const io = memoryIo();
    expect(
      await main(["probe", `${vendor.url}/v1/chat/completions`, "--kind", "sse", "--allow", "127.0.0.1"], io),
    ).toBe(0);
    expect(JSON.parse(io.out).timings_ms.first_token).not.toBeNull();
  });

  it("never prints a secret from the environment", async () => {
    const io = memoryIo();
    io.env.VENDOR_KEY = "sk-live-very-secret";
    await main(
      [
        "probe",
        `${vendor.url}/health?api_key=\${env:VENDOR_KEY}`,
        "--header",
        `Authorization: Bearer ${KEY}`,
        "--allow",
        "127.0.0.1",
      ],
      io,
    );
    expect(io.out + io.err).not.toContain("sk-live-very-secret");
  });
});
