import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isoWeekday, parseIsoDate } from "./civil-date.js";
import { regionSchedule } from "./holiday-data.js";

const dir = new URL("../../data/holidays/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.startsWith("cn-"));
const day = (iso: string) => parseIsoDate(iso) as number;

describe("bundled CN holiday data", () => {
  it("covers 2019 to 2026", () => {
    const years = regionSchedule("CN").years;
    for (let y = 2019; y <= 2026; y++) expect(years.has(y)).toBe(true);
  });
  it.each(files)("%s cites its State Council notice and only makes weekend days into workdays", (file) => {
    const data = parse(readFileSync(new URL(file, dir), "utf8"));
    expect(data.sources[0].title).toContain(`${data.year}年部分节假日安排`);
    for (const w of data.workdays) expect(isoWeekday(day(w.date))).toBeGreaterThanOrEqual(6);
    const national = data.holidays.find((h: { name: string }) => h.name.includes("国庆"));
    expect(day(national.from)).toBeLessThanOrEqual(day(`${data.year}-10-01`));
  });
  it("2025 anchor: Spring Festival Jan 28 – Feb 4, make-up workdays Jan 26 and Feb 8", () => {
    const cn = regionSchedule("CN");
    expect(cn.status(day("2025-01-27"))).toBe("regular");
    for (let d = day("2025-01-28"); d <= day("2025-02-04"); d++) expect(cn.status(d)).toBe("holiday");
    expect(cn.status(day("2025-01-26"))).toBe("workday");
    expect(cn.status(day("2025-02-08"))).toBe("workday");
    expect(cn.status(day("2031-01-01"))).toBeNull();
  });
  it("2020 includes the COVID-19 extension to Feb 2 (the Feb 1 make-up day was cancelled)", () => {
    const cn = regionSchedule("CN");
    expect(cn.status(day("2020-02-01"))).toBe("holiday");
    expect(cn.status(day("2020-02-02"))).toBe("holiday");
    expect(cn.status(day("2020-01-19"))).toBe("workday");
  });
});
