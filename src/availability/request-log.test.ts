import { describe, expect, it } from "vitest";
import { parseRequestLog } from "./request-log.js";

describe("parseRequestLog", () => {
  it("imports a CSV log and counts broken lines without dropping the rest", () => {
    const csv = [
      "timestamp,status,latency_ms,region",
      "2026-10-12T10:00:01+08:00,200,120,sg",
      "2026-10-12T10:00:02+08:00,503,30,sg",
      "not-a-date,200,10,sg",
      "2026-10-12T10:00:03+08:00,abc,10,sg",
      '2026-10-12T10:00:04+08:00,"200,10,sg',
      "2026-10-12T10:00:05+08:00,429,10,fra",
    ].join("\n");
    const r = parseRequestLog(csv, { name: "req.csv" });
    expect(r.imported).toBe(3);
    expect(r.broken_count).toBe(3);
    expect(r.broken.map((b) => b.line).slice(0, 2)).toEqual([4, 5]);
    expect(r.observations.map((o) => o.ok)).toEqual([true, false, true]);
    expect(r.observations[0]).toMatchObject({ latency_ms: 120, region: "sg", source: "logs", status: 200 });
  });

  it("counts 429 as a failure only when asked", () => {
    const csv = "time,code\n2026-10-12T02:00:00Z,429\n";
    expect(parseRequestLog(csv, { name: "a.csv" }).observations[0].ok).toBe(true);
    expect(parseRequestLog(csv, { name: "a.csv", count429: true }).observations[0].ok).toBe(false);
  });

  it("imports JSON Lines with epoch timestamps and reports invalid lines", () => {
    const jsonl = [
      '{"ts": 1791770400, "status": 200, "latency_ms": 80}',
      "{broken",
      "",
      '{"ts": 1791770400123, "status": 500}',
      "[1,2]",
    ].join("\n");
    const r = parseRequestLog(jsonl, { name: "req.jsonl" });
    expect(r.imported).toBe(2);
    expect(r.broken).toEqual([
      { line: 2, reason: "invalid JSON" },
      { line: 5, reason: "not a JSON object" },
    ]);
    expect(r.observations[0].t).toBe(1791770400000);
    expect(r.observations[1].ok).toBe(false);
  });

  it("rejects impossible dates instead of rolling them over", () => {
    const csv =
      "timestamp,status\n2026-02-30T10:00:00Z,200\n2026-02-28T24:00:00Z,200\n2026-02-28T10:00:00.123+08:00,200\n";
    const r = parseRequestLog(csv, { name: "a.csv" });
    expect(r.broken.map((b) => b.line)).toEqual([2, 3]);
    expect(new Date(r.observations[0].t).toISOString()).toBe("2026-02-28T02:00:00.123Z");
  });

  it("reads timestamps without an offset only with a time zone", () => {
    const csv = "timestamp,status\n2026-10-12 10:00:00,200\n";
    expect(parseRequestLog(csv, { name: "a.csv" }).broken_count).toBe(1);
    const r = parseRequestLog(csv, { name: "a.csv", timezone: "Asia/Shanghai" });
    expect(new Date(r.observations[0].t).toISOString()).toBe("2026-10-12T02:00:00.000Z");
  });
});
