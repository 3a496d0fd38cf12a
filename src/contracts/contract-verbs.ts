import { z } from "zod";
import { actorOf, type Ctx, parseInput, requireRole, type Verb } from "../context/index.js";
import { InputError, NotFoundError } from "../errors/index.js";
import { PageQuery, paginate, toPage, writeAudit } from "../store/index.js";
import { dumpTerms, type ReviewResult } from "../terms/index.js";
import { invalidateVendorTicketSla } from "../tickets/index.js";
import { CONTRACT_COLUMNS, createContract, replaceContract } from "./save-contract.js";

export const ContractBody = z.object({
  /** Terms-as-code YAML (termsight.terms/v1). */
  yaml: z.string().min(1).optional(),
  /** Instead of yaml: start from a stored review's commitments (dumpTerms). */
  review_id: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  vendor_id: z.string().min(1).optional(),
  /** The version the caller expects to replace (409 when stale); absent = no check. */
  version: z.number().int().optional(),
});
/** Options of a raw YAML body, given in the query string. */
export const ContractYamlQuery = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  vendor_id: z.string().min(1).optional(),
});
const ContractId = z.object({ id: z.string().min(1) });
type ContractInput = z.input<typeof ContractBody>;

/** The terms YAML of the input: given, or dumped from a stored review (with its vendor). */
async function termsOf(ctx: Ctx, ws: string, body: z.infer<typeof ContractBody>) {
  let yaml = body.yaml;
  let vendorId = body.vendor_id;
  if (!yaml && body.review_id) {
    const review = await ctx.db
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
    throw new InputError("body", "give the terms as yaml (application/yaml body or { yaml }) or a review_id");
  return { yaml, vendorId };
}

/** Contracts (signed terms), newest first. */
export const listContracts = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const page = parseInput("input", PageQuery, input);
  const q = ctx.db
    .selectFrom("contracts")
    .select([...CONTRACT_COLUMNS])
    .where("workspace_id", "=", ws);
  return toPage(await paginate(q, page).execute(), page);
}) satisfies Verb<z.input<typeof PageQuery>, unknown>;

/** Adds a contract from terms YAML (errors name the line) or a stored review. */
export const addContract = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const body = parseInput("input", ContractBody, input);
  const { yaml, vendorId } = await termsOf(ctx, ws, body);
  const row = await ctx.db.transaction().execute((trx) =>
    createContract(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      yaml,
      name: body.name,
      vendorId,
      now: ctx.now,
    }),
  );
  return { ...row, yaml };
}) satisfies Verb<ContractInput, unknown>;

/** One contract with its YAML and parsed terms. */
export const getContract = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id } = parseInput("input", ContractId, input);
  const row = await ctx.db
    .selectFrom("contracts")
    .select([...CONTRACT_COLUMNS, "terms_yaml", "terms"])
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("contract", id);
  const { terms_yaml, ...rest } = row;
  return { ...rest, yaml: terms_yaml };
}) satisfies Verb<{ id: string }, unknown>;

/** Replaces a contract's YAML (409 when `version` is stale). */
export const updateContract = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const { id, ...body } = parseInput("input", ContractBody.extend(ContractId.shape), input);
  const { yaml, vendorId } = await termsOf(ctx, ws, body);
  const row = await ctx.db.transaction().execute((trx) =>
    replaceContract(trx, id, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      yaml,
      name: body.name,
      vendorId,
      now: ctx.now,
      expectedVersion: body.version ?? null,
    }),
  );
  return { ...row, yaml };
}) satisfies Verb<ContractInput & { id: string }, unknown>;

/** Deletes a contract; its vendor's tickets have their SLA worked out again. */
export const deleteContract: Verb<{ id: string }, void> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const { id } = parseInput("input", ContractId, input);
  await ctx.db.transaction().execute(async (trx) => {
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
      actorId: actorOf(ctx),
      action: "delete",
      entity: "contract",
      entityId: id,
      details: { name: gone.name },
    });
  });
};
