import type { Kysely } from "kysely";
import { z } from "zod";
import { InputError } from "../../errors/index.js";
import { type Database, jsonb } from "../../store/index.js";
import { monthPeriod } from "../period.js";
import { getVendorFormula } from "../vendor-formula.js";

export const AvailabilitySettings = z.object({
  formula: z.string().min(1).default("generic-time"),
  timezone: z.string().min(1).default("UTC"),
  /** A business calendar (CONTRACTS.md §2), for claim windows counted in business days. */
  calendar: z.record(z.string(), z.unknown()).nullable().default(null),
  probe_ids: z.array(z.string().min(1)).nullable().default(null),
  monthly_fee: z.number().nonnegative().nullable().default(null),
  currency: z.string().min(1).max(8).nullable().default(null),
});
export type AvailabilitySettings = z.infer<typeof AvailabilitySettings>;

/** Checks the formula id and the time zone (a bad one is an input error naming the field). */
export function checkSettings(s: AvailabilitySettings): AvailabilitySettings {
  getVendorFormula(s.formula);
  try {
    monthPeriod("2026-01", s.timezone);
  } catch {
    throw new InputError("timezone", `"${s.timezone}" is not an IANA time zone`);
  }
  return s;
}

export async function getSettings(
  db: Kysely<Database>,
  workspaceId: string,
  contractId: string,
): Promise<AvailabilitySettings & { version: number | null }> {
  const row = await db
    .selectFrom("availability_settings")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("contract_id", "=", contractId)
    .executeTakeFirst();
  if (!row) return { ...AvailabilitySettings.parse({}), version: null };
  return {
    formula: row.formula,
    timezone: row.timezone,
    calendar: row.calendar,
    probe_ids: row.probe_ids,
    monthly_fee: row.monthly_fee,
    currency: row.currency,
    version: row.version,
  };
}

export async function putSettings(
  db: Kysely<Database>,
  input: { workspaceId: string; contractId: string; settings: AvailabilitySettings; now: Date },
): Promise<number> {
  const s = checkSettings(input.settings);
  const values = {
    formula: s.formula,
    timezone: s.timezone,
    calendar: jsonb(s.calendar),
    probe_ids: jsonb(s.probe_ids),
    monthly_fee: s.monthly_fee,
    currency: s.currency,
    updated_at: input.now,
  };
  const row = await db
    .insertInto("availability_settings")
    .values({ contract_id: input.contractId, workspace_id: input.workspaceId, ...values })
    .onConflict((oc) =>
      oc
        .column("contract_id")
        .doUpdateSet((eb) => ({ ...values, version: eb("availability_settings.version", "+", 1) })),
    )
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}
