import { BarChart, LineChart, RadarChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from "echarts/components";
import { type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what Termsight draws (report lines and bars, the compare radar, the probes' minute charts), as SVG.
use([
  LineChart,
  BarChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  MarkLineComponent,
  SVGRenderer,
]);

/** One family name the PDF maps to the embedded CJK font, and the browser to its own sans-serif. */
export const CHART_FONT = "sans-serif";

/** An ECharts option drawn on the server (ECharts SSR) as one SVG document of `width` × `height`. */
export function renderSvgChart(option: EChartsCoreOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
