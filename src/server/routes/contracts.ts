import type { FastifyPluginAsync } from "fastify";
import {
  addContract,
  ContractBody,
  ContractVersionParams,
  ContractYamlQuery,
  deleteContract,
  getContract,
  getContractVersion,
  listContracts,
  listContractVersions,
  updateContract,
} from "../../contracts/index.js";
import { PageQuery } from "../../store/index.js";
import { parseInput, WorkspaceItemParams } from "../validation.js";
import { type RequestParts, workspaceRoute } from "../workspace-route.js";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];
const tags = ["contracts"];

/**
 * A raw YAML body (options in the query string) or JSON `{ yaml | review_id, … }`; the verb
 * validates the result (typed loosely here: the two shapes meet in the verb's schema).
 */
function contractInput({ params, body, text, request }: RequestParts): never {
  const id = params.id as string | undefined;
  if (text === null) return { ...body, ...(id ? { id } : {}) } as never;
  const q = parseInput("query", ContractYamlQuery, request.query);
  return { yaml: text, name: q.name, vendor_id: q.vendor_id, ...(id ? { id } : {}) } as never;
}

/** GET/POST /workspaces/:ws/contracts, GET/PUT/DELETE /contracts/:id, GET /contracts/:id/versions[/:version]. YAML in (body or `{ yaml }`) and out (Accept: application/yaml). */
export const routes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(YAML_TYPES, { parseAs: "string" }, (_req, body, done) => done(null, body));
  const path = "/workspaces/:ws/contracts";
  workspaceRoute(
    app,
    {
      method: "GET",
      path,
      role: "viewer",
      tags,
      summary: "contracts (signed terms), newest first",
      query: PageQuery,
    },
    listContracts,
  );
  workspaceRoute(
    app,
    {
      method: "POST",
      path,
      role: "editor",
      tags,
      summary: "add a contract from terms YAML (errors name the line)",
      body: ContractBody,
      consumes: ["application/json", ...YAML_TYPES],
      textBody: true,
      input: contractInput,
      status: 201,
      versioned: true,
    },
    addContract,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: `${path}/:id`,
      role: "viewer",
      tags,
      summary:
        "one contract: JSON with yaml and parsed terms, or the YAML itself with Accept: application/yaml",
      params: WorkspaceItemParams,
      versioned: true,
      send: (reply, row, request) => {
        const accept = request.headers.accept ?? "";
        if (YAML_TYPES.some((t) => accept.includes(t)))
          return reply.type("application/yaml; charset=utf-8").send(row.yaml);
        return reply.send(row);
      },
    },
    getContract,
  );
  workspaceRoute(
    app,
    {
      method: "PUT",
      path: `${path}/:id`,
      role: "editor",
      tags,
      summary: "replace a contract's YAML (If-Match or version → 409 when stale)",
      params: WorkspaceItemParams,
      body: ContractBody,
      consumes: ["application/json", ...YAML_TYPES],
      textBody: true,
      input: contractInput,
      versioned: true,
    },
    updateContract,
  );
  workspaceRoute(
    app,
    {
      method: "DELETE",
      path: `${path}/:id`,
      role: "editor",
      tags,
      summary: "delete a contract",
      params: WorkspaceItemParams,
      status: 204,
    },
    deleteContract,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: `${path}/:id/versions`,
      role: "viewer",
      tags,
      summary: "the saved versions of a contract, newest first (without YAML)",
      params: WorkspaceItemParams,
    },
    listContractVersions,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: `${path}/:id/versions/:version`,
      role: "viewer",
      tags,
      summary: "one saved version of a contract with its YAML",
      params: ContractVersionParams,
    },
    getContractVersion,
  );
};
