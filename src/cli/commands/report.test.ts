import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedQuarter } from "../../report/quarter-fixture.js";
import { openStore } from "../../store/index.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

describe("termsight report", () => {
  const dir = mkdtempSync(join(tmpdir(), "termsight-cli-report-"));
  beforeAll(async () => {
    const store = await openStore({ dataDir: join(dir, "data") });
    await seedQuarter(store.db, { tickets: 20, intervalMinutes: 60 });
    await store.close();
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    const io = memoryIo("", dir);
    io.env.DATABASE_URL = "";
    const code = await main(["report", ...args, "--data", "data"], io);
    return { code, io };
  };

  it("writes the quarterly report as HTML and as a zip of CSV tables", async () => {
    const html = await run([
      "--vendor",
      "Acme RTC",
      "--period",
      "2026-Q4",
      "--format",
      "html",
      "--out",
      "r.html",
    ]);
    expect(html.code).toBe(0);
    const page = readFileSync(join(dir, "r.html"), "utf8");
    expect(page).toContain("季度服务回顾");
    expect(page).toContain("Acme RTC");
    const csv = await run([
      "--vendor",
      "Acme RTC",
      "--period",
      "2026-Q4",
      "--format",
      "csv",
      "--lang",
      "en",
      "--out",
      "r.zip",
    ]);
    expect(csv.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, "r.zip"))));
    expect(Object.keys(files)).toContain("availability.csv");
    expect(new TextDecoder().decode(files["availability.csv"])).toContain("Month,Formula");
  }, 240_000);

  it("refuses bad input with one line and exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--period", "2026-Q4", "--out", "x.html"], /exactly one of --vendor/],
      [["--vendor", "Acme RTC", "--out", "x.html"], /--period is required/],
      [
        ["--vendor", "Acme RTC", "--period", "2026-Q9", "--out", "x.html"],
        /^termsight report: period: "2026-Q9"/,
      ],
      [["--vendor", "Nobody", "--period", "2026-Q4", "--out", "x.html"], /--vendor: no vendor "Nobody"/],
      [
        ["--vendor", "Acme RTC", "--period", "2026-Q4", "--format", "docx", "--out", "x"],
        /--format: unknown value "docx"/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, io } = await run(args);
      expect(code).toBe(2);
      expect(io.err.trim().split("\n")).toHaveLength(1);
      expect(io.err).toMatch(message);
    }
    expect(existsSync(join(dir, "x.html"))).toBe(false);
  }, 240_000);
});
