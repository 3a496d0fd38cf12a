import { describe, expect, it } from "vitest";
import { findDurations, findPercents, parseChineseNumber, toMinutes } from "./numbers.js";

describe("parseChineseNumber", () => {
  it.each([
    ["十", 10],
    ["十五", 15],
    ["二十四", 24],
    ["七十二", 72],
    ["一百二十", 120],
    ["两", 2],
    ["三", 3],
  ])("%s → %d", (zh, n) => {
    expect(parseChineseNumber(zh)).toBe(n);
  });
  it("rejects non-numerals", () => {
    expect(parseChineseNumber("小时")).toBeNull();
  });
});

describe("findDurations", () => {
  const cases: [string, string, number | null, string][] = [
    ["zh digits", "15 分钟内响应", 15, "minutes"],
    ["zh numeral 十五", "十五分钟内响应", 15, "minutes"],
    ["zh 两小时", "两小时内解决", 120, "hours"],
    ["zh 二十四小时", "二十四小时内恢复", 1440, "hours"],
    ["zh 半小时", "半小时内响应", 30, "hours"],
    ["zh 一个半小时", "一个半小时内", 90, "hours"],
    ["zh 4 小时内", "4 小时内", 240, "hours"],
    ["zh business day", "1 个工作日内响应", null, "business_days"],
    ["zh 次工作日", "次工作日响应", null, "business_days"],
    ["zh days", "30 日内提出", 43200, "days"],
    ["en words with digits", "within one (1) hour", 60, "hours"],
    ["en mins", "30 mins", 30, "minutes"],
    ["en 4h", "4h response", 240, "hours"],
    ["en hyphenated", "a 15-minute response", 15, "minutes"],
    ["en next business day", "by the next business day", null, "business_days"],
    ["en calendar days", "sixty (60) calendar days", 86400, "days"],
  ];
  it.each(cases)("%s: %s", (_name, text, minutes, unit) => {
    const [d] = findDurations(text);
    expect(d?.unit).toBe(unit);
    expect(d ? toMinutes(d) : undefined).toBe(minutes);
  });

  it.each([
    ["7×24 coverage", "提供 7×24 小时技术支持"],
    ["24/7 coverage", "24/7 support"],
    ["24 hours a day", "24 hours a day"],
    ["date, not a duration", "每月1日出账"],
  ])("ignores %s", (_name, text) => {
    expect(findDurations(text)).toEqual([]);
  });

  it("marks frequencies", () => {
    expect(findDurations("每 1 小时提供更新")[0]?.frequency).toBe(true);
  });

  it("keeps offsets into the searched string", () => {
    const text = "P0：15 分钟内响应，4 小时内解决";
    for (const d of findDurations(text)) expect(text.slice(d.start, d.end)).toMatch(/分钟|小时/);
  });
});

describe("findPercents", () => {
  it.each([
    ["plain", "不低于 99.95%", [99.95]],
    ["full-width", "99.9％", [99.9]],
    ["range with one sign", "99.0–99.5% → 5%", [99, 99.5, 5]],
    ["三个九", "可用性达到三个九", [99.9]],
    ["百分之十", "赔偿百分之十", [10]],
    ["en percent", "99.9 percent", [99.9]],
  ])("%s", (_name, text, values) => {
    expect(findPercents(text).map((p) => p.value)).toEqual(values);
  });
});
