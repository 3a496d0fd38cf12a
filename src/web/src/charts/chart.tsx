import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { post } from "../api/client";

/** Widths are asked for in steps, so a resize by a few pixels does not draw the chart again. */
const WIDTH_STEP = 40;

function useBoxWidth(box: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const w = Math.max(WIDTH_STEP * 3, Math.floor(el.clientWidth / WIDTH_STEP) * WIDTH_STEP);
      setWidth((old) => (old === w ? old : w));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  return width;
}

/**
 * A chart box: the ECharts option is drawn as SVG by the server (POST /charts/svg, the same ECharts
 * SSR as the reports) and shown as an image, so the browser never loads ECharts (~186 KB gzip).
 * The price: no hover tooltips; the figures are in the tables beside each chart.
 */
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
  const width = useBoxWidth(box);
  const drawn = useQuery({
    queryKey: ["chart", width, height, option],
    enabled: width > 0,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => post<{ svg: string }>("/charts/svg", { option, width, height }),
  });
  const src = useMemo(
    () => (drawn.data ? URL.createObjectURL(new Blob([drawn.data.svg], { type: "image/svg+xml" })) : null),
    [drawn.data],
  );
  useEffect(() => () => (src ? URL.revokeObjectURL(src) : undefined), [src]);
  return (
    <div ref={box} className="chart" style={{ height }}>
      {src ? (
        <img src={src} alt={label} width={width} height={height} />
      ) : (
        <div role="img" aria-label={label} aria-busy={drawn.isPending} style={{ height }} />
      )}
    </div>
  );
}
