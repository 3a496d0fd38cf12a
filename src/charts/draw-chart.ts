import { z } from "zod";
import { type Ctx, parseInput } from "../context/index.js";
import { InputError } from "../errors/index.js";
import { renderSvgChart } from "./svg-chart.js";

/** Series kinds the server draws; anything else would be silently dropped by ECharts. */
const SERIES_TYPES = new Set(["line", "bar", "radar"]);
/** Points per chart: a day of minutes per series for a few series, far below what slows SSR. */
const MAX_POINTS = 20_000;

export const DrawChartInput = z.object({
  option: z.record(z.string(), z.unknown()),
  width: z.number().int().min(120).max(2400),
  height: z.number().int().min(80).max(1600),
});
export type DrawChartInput = z.input<typeof DrawChartInput>;

function seriesOf(option: Record<string, unknown>): Record<string, unknown>[] {
  const s = option.series;
  if (s == null) return [];
  return (Array.isArray(s) ? s : [s]).filter(
    (x): x is Record<string, unknown> => !!x && typeof x === "object",
  );
}

/**
 * The web UI's charts, drawn here with the same ECharts SSR as the reports: the browser shows an
 * SVG image and never loads ECharts itself (about 186 KB gzip of script). Any signed-in caller;
 * the option is the caller's own data and nothing is stored.
 */
export async function drawChart({ input }: { ctx: Ctx; input: unknown }): Promise<{ svg: string }> {
  const { option, width, height } = parseInput("body", DrawChartInput, input);
  let points = 0;
  for (const [i, s] of seriesOf(option).entries()) {
    if (typeof s.type !== "string" || !SERIES_TYPES.has(s.type))
      throw new InputError(`body.option.series[${i}].type`, "expected one of line, bar, radar");
    if (Array.isArray(s.data)) points += s.data.length;
  }
  if (points > MAX_POINTS)
    throw new InputError("body.option.series", `${points} points, at most ${MAX_POINTS} can be drawn`);
  try {
    return { svg: renderSvgChart(option, width, height) };
  } catch (err) {
    throw new InputError("body.option", `cannot be drawn: ${(err as Error).message}`);
  }
}
