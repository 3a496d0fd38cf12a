import { z } from "zod";
import { type Ctx, parseInput, requireRole, type Verb } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";

const ContractId = z.object({ id: z.string().min(1) });
export const ContractVersionParams = z.object({
  ws: z.string().min(1),
  id: z.string().min(1),
  version: z.coerce.number().int().positive(),
});

export interface ContractVersionView {
  version: number;
  name: string;
  created_at: string;
  created_by: string | null;
  /** The saving user's name (null when unknown or deleted). */
  created_by_name: string | null;
}

async function requireContract(ctx: Ctx, ws: string, id: string): Promise<void> {
  const found = await ctx.db
    .selectFrom("contracts")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) throw new NotFoundError("contract", id);
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/** The saved versions of a contract, newest first (no YAML: fetch one version for that). */
export const listContractVersions = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id } = parseInput("input", ContractId, input);
  await requireContract(ctx, ws, id);
  const rows = await ctx.db
    .selectFrom("contract_versions")
    .leftJoin("users", "users.id", "contract_versions.created_by")
    .select([
      "contract_versions.version",
      "contract_versions.name",
      "contract_versions.created_at",
      "contract_versions.created_by",
      "users.name as created_by_name",
    ])
    .where("contract_versions.workspace_id", "=", ws)
    .where("contract_versions.contract_id", "=", id)
    .orderBy("contract_versions.version", "desc")
    .execute();
  const items: ContractVersionView[] = rows.map((r) => ({
    ...r,
    created_at: iso(r.created_at),
    created_by_name: r.created_by_name ?? null,
  }));
  return { items };
}) satisfies Verb<{ id: string }, unknown>;

/** One saved version of a contract with its YAML. */
export const getContractVersion = (async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const { id, version } = parseInput("input", ContractVersionParams.omit({ ws: true }), input);
  const row = await ctx.db
    .selectFrom("contract_versions")
    .leftJoin("users", "users.id", "contract_versions.created_by")
    .select([
      "contract_versions.version",
      "contract_versions.name",
      "contract_versions.terms_yaml",
      "contract_versions.created_at",
      "contract_versions.created_by",
      "users.name as created_by_name",
    ])
    .where("contract_versions.workspace_id", "=", ws)
    .where("contract_versions.contract_id", "=", id)
    .where("contract_versions.version", "=", version)
    .executeTakeFirst();
  if (!row) {
    await requireContract(ctx, ws, id);
    throw new NotFoundError("contract version", `${id} v${version}`);
  }
  const { terms_yaml, ...rest } = row;
  return {
    ...rest,
    created_at: iso(rest.created_at),
    created_by_name: rest.created_by_name ?? null,
    yaml: terms_yaml,
  };
}) satisfies Verb<{ id: string; version: number }, unknown>;
