import type { EChartsCoreOption } from "echarts/core";
import { CHART_FONT, renderSvgChart } from "../charts/index.js";
import { escapeHtml } from "../escape/index.js";
import { label, type ReportLang } from "./labels.js";
import type { ReportModel } from "./report-model.js";

export interface ReportChart {
  id: "availability" | "latency" | "attainment" | "heartbeat";
  title: string;
  svg: string;
}

const WIDTH = 720;
const HEIGHT = 260;

/** The report's charts as SVG strings, rendered on the server (ECharts SSR; the strip drawn directly). */
export function reportCharts(m: ReportModel, lang: ReportLang): ReportChart[] {
  const days = m.availability.daily.map((d) => d.date.slice(5));
  const target = m.availability.total?.target_percent ?? null;
  const measured = m.availability.daily.map((d) => d.measured_percent);
  const known = measured.filter((v): v is number => v != null);
  const low = Math.min(target ?? 100, ...known, 100);
  const charts: ReportChart[] = [
    {
      id: "availability",
      title: label(lang, "chartAvailability"),
      svg: render({
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        legend: { top: 0, textStyle: { fontFamily: CHART_FONT } },
        xAxis: { type: "category", data: days, axisLabel: { fontFamily: CHART_FONT } },
        yAxis: {
          type: "value",
          min: Math.floor(low * 10) / 10 - 0.1,
          max: 100,
          axisLabel: { fontFamily: CHART_FONT },
        },
        series: [
          {
            name: label(lang, "measured"),
            type: "line",
            data: measured,
            showSymbol: false,
            connectNulls: false,
            ...(target != null
              ? {
                  markLine: {
                    symbol: "none",
                    label: { formatter: `${label(lang, "target")} ${target}`, fontFamily: CHART_FONT },
                    lineStyle: { color: "#c0392b", type: "dashed" },
                    data: [{ yAxis: target }],
                  },
                }
              : {}),
          },
        ],
      }),
    },
    {
      id: "latency",
      title: label(lang, "chartLatency"),
      svg: render({
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        legend: { top: 0, textStyle: { fontFamily: CHART_FONT } },
        xAxis: { type: "category", data: days, axisLabel: { fontFamily: CHART_FONT } },
        yAxis: { type: "value", axisLabel: { fontFamily: CHART_FONT } },
        series: (["p50_ms", "p95_ms", "p99_ms"] as const).map((k) => ({
          name: k.replace("_ms", ""),
          type: "line",
          showSymbol: false,
          data: m.latency.daily.map((d) => d[k]),
        })),
      }),
    },
    {
      id: "attainment",
      title: label(lang, "chartAttainment"),
      svg: render({
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        legend: { top: 0, textStyle: { fontFamily: CHART_FONT } },
        xAxis: {
          type: "category",
          data: m.tickets.by_severity.map((s) => s.severity),
          axisLabel: { fontFamily: CHART_FONT },
        },
        yAxis: { type: "value", min: 0, max: 100, axisLabel: { fontFamily: CHART_FONT } },
        series: (["first_response", "next_response", "resolution"] as const).map((k) => ({
          name: label(lang, k),
          type: "bar",
          data: m.tickets.by_severity.map((s) => s.metrics[k].attainment_percent),
        })),
      }),
    },
    { id: "heartbeat", title: label(lang, "chartHeartbeat"), svg: heartbeat(m) },
  ];
  return charts;
}

function render(option: EChartsCoreOption): string {
  return renderSvgChart(option, WIDTH, HEIGHT);
}

/** One cell per day: green met the target, red below it, grey no data (or no target: blue). */
function heartbeat(m: ReportModel): string {
  const days = m.availability.daily;
  const target = m.availability.total?.target_percent ?? null;
  const gap = 1;
  const w = Math.max(2, Math.floor((WIDTH - 20) / Math.max(days.length, 1)) - gap);
  const h = 28;
  const cells = days.map((d, i) => {
    const fill =
      d.measured_percent == null
        ? "#bdc3c7"
        : target == null
          ? "#2980b9"
          : d.measured_percent >= target
            ? "#27ae60"
            : "#c0392b";
    const tip = `${d.date}: ${d.measured_percent ?? "—"}`;
    return `<rect x="${10 + i * (w + gap)}" y="6" width="${w}" height="${h}" fill="${fill}"><title>${escapeHtml(tip)}</title></rect>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${h + 12}" viewBox="0 0 ${WIDTH} ${h + 12}">${cells.join("")}</svg>`;
}
