import type { FastifyPluginAsync } from "fastify";
import { PageQuery } from "../../store/index.js";
import {
  createVendor,
  deleteVendor,
  getVendor,
  listVendors,
  updateVendor,
  VendorCreate,
  VendorPatch,
} from "../../vendors/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

const tags = ["vendors"];

/** GET/POST /workspaces/:ws/vendors, GET/PATCH/DELETE /workspaces/:ws/vendors/:id. */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/vendors",
      role: "viewer",
      tags,
      summary: "vendors, newest first",
      query: PageQuery,
    },
    listVendors,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path: "/workspaces/:ws/vendors",
      role: "editor",
      tags,
      summary: "add a vendor",
      body: VendorCreate,
      status: 201,
      versioned: true,
    },
    createVendor,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/vendors/:id",
      role: "viewer",
      tags,
      summary: "one vendor with its products",
      params: WorkspaceItemParams,
      versioned: true,
    },
    getVendor,
  );
  workspaceRoute(
    app,
    {
      method: "PATCH",
      path: "/workspaces/:ws/vendors/:id",
      role: "editor",
      tags,
      summary: "update a vendor (If-Match or version → 409 when stale)",
      params: WorkspaceItemParams,
      body: VendorPatch,
      versioned: true,
    },
    updateVendor,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: "/workspaces/:ws/vendors/:id",
      role: "editor",
      tags,
      summary: "delete a vendor (its documents stay, unlinked)",
      params: WorkspaceItemParams,
      status: 204,
    },
    deleteVendor,
  );
};
