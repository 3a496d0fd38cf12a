import type { FastifyPluginAsync } from "fastify";
import { DrawChartInput, drawChart } from "../../charts/index.js";
import { instanceRoute } from "../workspace-route.js";

/** POST /charts/svg: the web UI's charts drawn on the server (nothing stored, any signed-in caller). */
export const routes: FastifyPluginAsync = async (app) => {
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/charts/svg",
      access: "user",
      tags: ["charts"],
      summary: "draw an ECharts option (line, bar, radar) as SVG on the server; changes nothing",
      body: DrawChartInput,
    },
    drawChart,
  );
};
