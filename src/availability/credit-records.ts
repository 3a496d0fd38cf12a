import { sql } from "kysely";
import { z } from "zod";
import { actorOf, type Ctx, type Db, parseInput, requireRole } from "../context/index.js";
import { InputError, NotFoundError } from "../errors/index.js";
import { newId, writeAudit } from "../store/index.js";

// What the buyer did about a month's service credit: the claim sent and the credit received.
// Nothing computes these; they are recorded by a person and reported as recorded.

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM");
const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "is not a calendar date",
  );
const Amount = z.number().finite().min(0).max(1e12);
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "expected a currency code such as CNY")
  .nullable()
  .optional();

/** The contract and month a record is about (`id` and `period`, as in the route path). */
const RecordRef = z.object({ id: z.string().min(1), period: Month });

export const CreditClaimBody = z.object({
  claimed_on: LocalDate,
  amount: Amount,
  currency: Currency,
  /** The vendor's ticket or case number for the claim, or the letter's own reference. */
  reference: z.string().trim().max(200).default(""),
});
export const CreditReceivedBody = z.object({
  received_on: LocalDate,
  amount: Amount,
  currency: Currency,
});
export const CreditRecordsQuery = z.object({
  from: Month.optional(),
  to: Month.optional(),
});

export interface CreditRecordView {
  contract_id: string;
  period: string;
  currency: string | null;
  claim: { on: string; amount: number | null; reference: string } | null;
  received: { on: string; amount: number | null } | null;
  version: number;
  updated_at: string;
}

type Row = {
  contract_id: string;
  period: string;
  currency: string | null;
  claimed_on: string | null;
  amount_claimed: number | null;
  claim_reference: string;
  received_on: string | null;
  amount_received: number | null;
  version: number;
  updated_at: Date | string;
};

function toView(r: Row): CreditRecordView {
  const num = (n: number | null) => (n == null ? null : Number(n));
  return {
    contract_id: r.contract_id,
    period: r.period,
    currency: r.currency,
    claim: r.claimed_on
      ? { on: r.claimed_on, amount: num(r.amount_claimed), reference: r.claim_reference }
      : null,
    received: r.received_on ? { on: r.received_on, amount: num(r.amount_received) } : null,
    version: Number(r.version),
    updated_at: new Date(r.updated_at).toISOString(),
  };
}

async function requireContract(db: Db, workspaceId: string, contractId: string): Promise<void> {
  const row = await db
    .selectFrom("contracts")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", contractId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("contract", contractId);
}

type Fields = Partial<
  Pick<
    Row,
    "currency" | "claimed_on" | "amount_claimed" | "claim_reference" | "received_on" | "amount_received"
  >
>;

/** Writes one side of a month's record (claim or receipt), creating the record on first use; audited. */
async function upsert(
  ctx: Ctx,
  input: unknown,
  side: "claim" | "receive",
  fields: Fields,
): Promise<CreditRecordView> {
  const ws = requireRole(ctx, "editor");
  const { id: contractId, period } = parseInput("params", RecordRef, input);
  await requireContract(ctx.db, ws, contractId);
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await trx
      .insertInto("credit_records")
      .values({
        id: newId(),
        workspace_id: ws,
        contract_id: contractId,
        period,
        claim_reference: "",
        created_by: actorOf(ctx),
        created_at: ctx.now,
        updated_at: ctx.now,
        ...fields,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "contract_id", "period"])
          .doUpdateSet({ ...fields, version: sql`credit_records.version + 1`, updated_at: ctx.now }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: side,
      entity: "credit_record",
      entityId: saved.id,
      details: { contract_id: contractId, period, ...fields },
    });
    return toView(saved);
  });
}

/** Records that the credit of a contract's month was claimed: when, how much, under which reference (editor). */
export async function recordCreditClaim({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<CreditRecordView> {
  requireRole(ctx, "editor");
  const body = parseInput("body", CreditClaimBody, input);
  const fields: Fields = {
    claimed_on: body.claimed_on,
    amount_claimed: body.amount,
    claim_reference: body.reference,
  };
  if (body.currency) fields.currency = body.currency;
  return upsert(ctx, input, "claim", fields);
}

/** Records that the credit of a contract's month was received: when and how much (editor). */
export async function recordCreditReceived({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<CreditRecordView> {
  requireRole(ctx, "editor");
  const body = parseInput("body", CreditReceivedBody, input);
  const fields: Fields = { received_on: body.received_on, amount_received: body.amount };
  if (body.currency) fields.currency = body.currency;
  return upsert(ctx, input, "receive", fields);
}

/** A contract's credit records, by month (viewer); `from`/`to` bound the months (both included). */
export async function listCreditRecords({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ items: CreditRecordView[] }> {
  const ws = requireRole(ctx, "viewer");
  const { id: contractId } = parseInput("params", z.object({ id: z.string().min(1) }), input);
  const q = parseInput("query", CreditRecordsQuery, input);
  if (q.from && q.to && q.to < q.from) throw new InputError("query.to", "is before from");
  await requireContract(ctx.db, ws, contractId);
  return { items: await creditRecordsOf(ctx.db, ws, contractId, q.from, q.to) };
}

/** The records of a contract's months in [from, to] (YYYY-MM, both included), by month; for reports. */
export async function creditRecordsOf(
  db: Db,
  workspaceId: string,
  contractId: string,
  from?: string,
  to?: string,
): Promise<CreditRecordView[]> {
  let q = db
    .selectFrom("credit_records")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("contract_id", "=", contractId);
  if (from) q = q.where("period", ">=", from);
  if (to) q = q.where("period", "<=", to);
  return (await q.orderBy("period").execute()).map(toView);
}
