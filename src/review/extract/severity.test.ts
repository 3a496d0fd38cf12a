import { describe, expect, it } from "vitest";
import { severitiesInProse, severityOfCell } from "./severity.js";

describe("severityOfCell", () => {
  it.each([
    ["P0", "P0"],
    ["P1（紧急）", "P1"],
    ["S2", "S2"],
    ["Sev 1", "Sev 1"],
    ["Severity 3", "Severity 3"],
    ["Priority 2", "Priority 2"],
    ["一级", "一级"],
    ["2级", "2级"],
    ["紧急", "紧急"],
    ["轻微", "轻微"],
    ["Critical", "Critical"],
    ["low", "Low"],
    ["高", "高"],
  ])("%s → %s", (cell, severity) => {
    expect(severityOfCell(cell)?.severity).toBe(severity);
  });

  it.each(["Production service down", "15 分钟", "等保三级认证"])("%s is not a label", (cell) => {
    expect(severityOfCell(cell)).toBeNull();
  });
});

describe("severitiesInProse", () => {
  it("finds every label with its offset", () => {
    const text = "P0 级故障 15 分钟内响应，P1 级故障 30 分钟内响应";
    const found = severitiesInProse(text);
    expect(found.map((f) => f.severity)).toEqual(["P0", "P1"]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.severity);
  });

  it("reads word labels only where they name a level", () => {
    expect(severitiesInProse("一般情况下我们会尽快处理")).toEqual([]);
    expect(severitiesInProse("紧急故障：30 分钟内响应").map((f) => f.severity)).toEqual(["紧急"]);
    expect(severitiesInProse("Critical: respond within 1 hour").map((f) => f.severity)).toEqual(["Critical"]);
  });
});
