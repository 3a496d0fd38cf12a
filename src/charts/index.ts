/** Charts drawn on the server (ECharts SSR → SVG): for the reports and PDFs, and for the web UI. */
export { DrawChartInput, drawChart } from "./draw-chart.js";
export { CHART_FONT, renderSvgChart } from "./svg-chart.js";
