import type { EChartsType } from "echarts/core";

type Setup = typeof import("./echarts-setup");
let loading: Promise<Setup> | null = null;

/** ECharts, loaded on first use (a separate chunk) with only the radar, line and bar charts and the SVG renderer. */
export function loadECharts(): Promise<Setup> {
  loading ??= import("./echarts-setup");
  return loading;
}

export type { EChartsType };
