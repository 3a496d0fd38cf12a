import { useEffect, useRef } from "react";
import { type EChartsType, loadECharts } from "./echarts";

/** A chart box: ECharts (SVG) with the given option, resized with its box. */
export function Chart({
  option,
  label,
  height = 320,
}: {
  option: Record<string, unknown>;
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    let live = true;
    let observer: ResizeObserver | null = null;
    loadECharts().then((echarts) => {
      if (!live || !box.current) return;
      chart.current ??= echarts.init(box.current, undefined, { renderer: "svg" });
      chart.current.setOption(option, true);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
    });
    return () => {
      live = false;
      observer?.disconnect();
    };
  }, [option]);
  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );
  return <div ref={box} className="chart" role="img" aria-label={label} style={{ height }} />;
}
