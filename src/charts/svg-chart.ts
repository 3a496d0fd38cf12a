import { createRequire } from "node:module";
import type * as EchartsCharts from "echarts/charts";
import type * as EchartsComponents from "echarts/components";
import type * as EchartsCore from "echarts/core";
import type { EChartsCoreOption } from "echarts/core";
import type * as EchartsRenderers from "echarts/renderers";

const require = createRequire(import.meta.url);
let echarts: typeof EchartsCore | null = null;

/**
 * ECharts, loaded on the first chart: about 12 MB of a server's heap that every request's garbage
 * collection would otherwise mark, in a process that may never draw a chart (an API replica).
 * Only what Termsight draws (report lines and bars, the compare radar, the probes' minute charts), as SVG.
 */
function loadEcharts(): typeof EchartsCore {
  if (echarts) return echarts;
  const core = require("echarts/core") as typeof EchartsCore;
  const charts = require("echarts/charts") as typeof EchartsCharts;
  const components = require("echarts/components") as typeof EchartsComponents;
  const renderers = require("echarts/renderers") as typeof EchartsRenderers;
  core.use([
    charts.LineChart,
    charts.BarChart,
    charts.RadarChart,
    components.GridComponent,
    components.LegendComponent,
    components.TitleComponent,
    components.MarkLineComponent,
    renderers.SVGRenderer,
  ]);
  echarts = core;
  return core;
}

/** One family name the PDF maps to the embedded CJK font, and the browser to its own sans-serif. */
export const CHART_FONT = "sans-serif";

/** An ECharts option drawn on the server (ECharts SSR) as one SVG document of `width` × `height`. */
export function renderSvgChart(option: EChartsCoreOption, width: number, height: number): string {
  const chart = loadEcharts().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
