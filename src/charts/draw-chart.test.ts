import { describe, expect, it } from "vitest";
import type { Ctx } from "../context/index.js";
import { drawChart } from "./index.js";

// drawChart reads nothing from its context: the option is the caller's own data.
const ctx = {} as Ctx;
const draw = (input: unknown) => drawChart({ ctx, input });

describe("drawChart", () => {
  it("draws a line chart as one SVG document of the asked size, text escaped", async () => {
    const { svg } = await draw({
      width: 400,
      height: 200,
      option: {
        xAxis: { type: "category", data: ["a", "b", "c"] },
        yAxis: { type: "value" },
        legend: {},
        series: [{ type: "line", name: "<script>x</script> 连接", data: [1, 3, 2] }],
      },
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('width="400"');
    expect(svg).toContain('height="200"');
    expect(svg).toContain("连接");
    expect(svg).not.toContain("<script>");
  });

  it("draws a radar", async () => {
    const { svg } = await draw({
      width: 300,
      height: 300,
      option: {
        radar: {
          indicator: [
            { name: "SLA", max: 100 },
            { name: "RCA", max: 100 },
            { name: "Credit", max: 100 },
          ],
        },
        series: [{ type: "radar", data: [{ name: "Vendor A", value: [80, 60, 40] }] }],
      },
    });
    expect(svg).toContain("<path");
  });

  it("refuses what it cannot draw, naming the field", async () => {
    await expect(
      draw({ width: 400, height: 200, option: { series: [{ type: "pie", data: [] }] } }),
    ).rejects.toThrow("body.option.series[0].type: expected one of line, bar, radar");
    await expect(
      draw({
        width: 400,
        height: 200,
        option: { series: [{ type: "line", data: new Array(20_001).fill(1) }] },
      }),
    ).rejects.toThrow("20001 points");
    await expect(draw({ width: 10, height: 200, option: {} })).rejects.toThrow(/^body.width: /);
    await expect(draw({ width: 400, height: 200 })).rejects.toThrow(/^body.option: /);
  });
});
