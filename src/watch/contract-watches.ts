import { z } from "zod";
import type { Db } from "../context/index.js";
import { InputError } from "../errors/index.js";
import { WatchDeclaration } from "./watch-declaration.js";
import { upsertWatch } from "./watch-verbs.js";

/**
 * A `watch:` entry of a contract's terms file (termsight.terms/v1): a watched document of the
 * contract's vendor, compared with this contract. Vendor and contract are the file's own, so an
 * entry names neither.
 */
export const ContractWatchEntry = WatchDeclaration.omit({ vendor_id: true, contract_id: true });
const ContractWatchList = z.array(ContractWatchEntry).max(200);

/**
 * Applies the `watch:` section of a contract's terms file, in the caller's transaction: each entry
 * is created or replaced (by vendor and name) with `contract_id` set to this contract. Entries the
 * file no longer lists are left alone (a watch may be shared with other tooling); `source` names
 * the file in errors (`contract.yaml: watch.0.url: …`).
 */
export async function applyContractWatches(
  db: Db,
  args: {
    workspaceId: string;
    vendorId: string | null;
    contractId: string;
    entries: unknown;
    now: Date;
    source: string;
  },
): Promise<{ applied: number }> {
  if (args.entries == null) return { applied: 0 };
  const parsed = ContractWatchList.safeParse(args.entries);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${args.source}: watch${issue.path.map((p) => `.${String(p)}`).join("")}`,
      issue.message.toLowerCase(),
    );
  }
  if (parsed.data.length === 0) return { applied: 0 };
  if (!args.vendorId)
    throw new InputError(
      `${args.source}: watch`,
      "the contract has no vendor: set `vendor` (or vendor_id) to watch its documents",
    );
  for (const entry of parsed.data)
    await upsertWatch({ db, now: args.now }, args.workspaceId, {
      ...entry,
      vendor_id: args.vendorId as string,
      contract_id: args.contractId,
    });
  return { applied: parsed.data.length };
}
