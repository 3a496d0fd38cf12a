import type { FastifyPluginAsync } from "fastify";
import { completeSetup, SetupBody, setupStatus } from "../../accounts/index.js";
import { instanceRoute } from "../workspace-route.js";

const tags = ["auth"];

/** GET/POST /setup: the one-time creation of the first admin and workspace. */
export const routes: FastifyPluginAsync = async (app) => {
  instanceRoute(
    app,
    {
      method: "GET",
      path: "/setup",
      access: "anyone",
      tags,
      summary: "whether the first admin still has to be created",
    },
    setupStatus,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/setup",
      access: "anyone",
      tags,
      summary: "create the first (instance) admin and workspace with the one-time setup token",
      body: SetupBody,
      status: 201,
    },
    completeSetup,
  );
};
