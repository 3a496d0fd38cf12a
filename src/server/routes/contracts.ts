import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { CONTRACT_COLUMNS, createContract, replaceContract } from "../../contracts/index.js";
import { InputError, NotFoundError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { dumpTerms, type ReviewResult } from "../../terms/index.js";
import { invalidateVendorTicketSla } from "../../tickets/index.js";
import { requireMember } from "../auth/require-member.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { PageQuery, paginate, toPage } from "../pagination.js";
import {
  docs,
  parseBody,
  parseParams,
  parseQuery,
  WorkspaceItemParams,
  WorkspaceParams,
} from "../validation.js";

export const ContractBody = z.object({
  /** Terms-as-code YAML (termsight.terms/v1). */
  yaml: z.string().min(1).optional(),
  /** Instead of yaml: start from a stored review's commitments (dumpTerms). */
  review_id: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  vendor_id: z.string().min(1).optional(),
  version: z.number().int().optional(),
});
const YamlQuery = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  vendor_id: z.string().min(1).optional(),
});

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

/** GET/POST /workspaces/:ws/contracts, GET/PUT/DELETE /contracts/:id. YAML in (body or `{ yaml }`) and out (Accept: application/yaml). */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  app.addContentTypeParser(YAML_TYPES, { parseAs: "string" }, (_req, body, done) => done(null, body));

  /** The request's YAML (raw body or `{ yaml }` or `{ review_id }`) and options. */
  async function readInput(request: FastifyRequest, ws: string) {
    if (typeof request.body === "string") {
      const q = parseQuery(YamlQuery, request.query);
      return { yaml: request.body, name: q.name, vendorId: q.vendor_id, version: undefined };
    }
    const body = parseBody(ContractBody, request.body);
    let yaml = body.yaml;
    let vendorId = body.vendor_id;
    if (!yaml && body.review_id) {
      const review = await db
        .selectFrom("reviews")
        .innerJoin("documents", "documents.id", "reviews.document_id")
        .leftJoin("vendors", "vendors.id", "documents.vendor_id")
        .select(["reviews.result", "vendors.name as vendor", "vendors.id as vendor_id"])
        .where("reviews.workspace_id", "=", ws)
        .where("reviews.id", "=", body.review_id)
        .executeTakeFirst();
      if (!review) throw new NotFoundError("review", body.review_id);
      yaml = dumpTerms(review.result as ReviewResult, { vendor: review.vendor ?? undefined });
      vendorId = vendorId ?? review.vendor_id ?? undefined;
    }
    if (!yaml)
      throw new InputError(
        "body",
        "give the terms as yaml (application/yaml body or { yaml }) or a review_id",
      );
    return { yaml, name: body.name, vendorId, version: body.version };
  }

  app.get(
    "/workspaces/:ws/contracts",
    {
      schema: docs({
        tags: ["contracts"],
        summary: "contracts (signed terms), newest first",
        params: WorkspaceParams,
        querystring: PageQuery,
      }),
    },
    async (request) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "viewer");
      const page = parseQuery(PageQuery, request.query);
      return toPage(
        await paginate(
          db
            .selectFrom("contracts")
            .select([...CONTRACT_COLUMNS])
            .where("workspace_id", "=", ws),
          page,
        ).execute(),
        page,
      );
    },
  );

  app.post(
    "/workspaces/:ws/contracts",
    {
      schema: docs({
        tags: ["contracts"],
        summary: "add a contract from terms YAML (errors name the line)",
        params: WorkspaceParams,
        body: ContractBody,
        consumes: ["application/json", ...YAML_TYPES],
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "editor");
      const input = await readInput(request, ws);
      const row = await db.transaction().execute((trx) =>
        createContract(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          yaml: input.yaml,
          name: input.name,
          vendorId: input.vendorId,
          now: app.now(),
        }),
      );
      setVersionTag(reply, row.version);
      return reply.status(201).send({ ...row, yaml: input.yaml });
    },
  );

  app.get(
    "/workspaces/:ws/contracts/:id",
    {
      schema: docs({
        tags: ["contracts"],
        summary:
          "one contract: JSON with yaml and parsed terms, or the YAML itself with Accept: application/yaml",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const row = await db
        .selectFrom("contracts")
        .select([...CONTRACT_COLUMNS, "terms_yaml", "terms"])
        .where("workspace_id", "=", ws)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError("contract", id);
      setVersionTag(reply, row.version);
      const accept = request.headers.accept ?? "";
      if (YAML_TYPES.some((t) => accept.includes(t)))
        return reply.type("application/yaml; charset=utf-8").send(row.terms_yaml);
      const { terms_yaml, ...rest } = row;
      return { ...rest, yaml: terms_yaml };
    },
  );

  app.put(
    "/workspaces/:ws/contracts/:id",
    {
      schema: docs({
        tags: ["contracts"],
        summary: "replace a contract's YAML (If-Match or version → 409 when stale)",
        params: WorkspaceItemParams,
        body: ContractBody,
        consumes: ["application/json", ...YAML_TYPES],
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      const input = await readInput(request, ws);
      const row = await db.transaction().execute((trx) =>
        replaceContract(trx, id, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          yaml: input.yaml,
          name: input.name,
          vendorId: input.vendorId,
          now: app.now(),
          expectedVersion: expectedVersion(request, input.version),
        }),
      );
      setVersionTag(reply, row.version);
      return { ...row, yaml: input.yaml };
    },
  );

  app.delete(
    "/workspaces/:ws/contracts/:id",
    { schema: docs({ tags: ["contracts"], summary: "delete a contract", params: WorkspaceItemParams }) },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom("contracts")
          .where("workspace_id", "=", ws)
          .where("id", "=", id)
          .returning(["name", "vendor_id"])
          .executeTakeFirst();
        if (!gone) throw new NotFoundError("contract", id);
        if (gone.vendor_id) await invalidateVendorTicketSla(trx, ws, gone.vendor_id);
        await writeAudit(trx, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "delete",
          entity: "contract",
          entityId: id,
          details: { name: gone.name },
        });
      });
      return reply.status(204).send();
    },
  );
};
