import { getSettings } from "../availability/index.js";
import type { Db } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import { type ContractCommitments, commitmentsOf } from "../tickets/index.js";
import type { ReportPeriod } from "./report-period.js";

export interface ReportSubject {
  kind: "vendor" | "contract";
  id: string;
  vendorId: string | null;
  vendorName: string | null;
  contract: {
    id: string;
    name: string;
    terms: Record<string, unknown>;
    valid_from: string | null;
    valid_to: string | null;
    commitments: ContractCommitments;
  } | null;
  formula: string;
  timezone: string;
  calendar: Record<string, unknown> | null;
  probeIds: string[] | null;
  monthlyFee: { amount: number; currency: string } | null;
}

/**
 * The vendor or contract a report is about, with the contract whose terms it is judged by (for a
 * vendor: its contract in force on the period's last day, else the latest) and how availability
 * is measured under it (formula, time zone, probes). A name or an id is accepted.
 */
export async function loadSubject(
  db: Db,
  workspaceId: string,
  ref: { vendor?: string; contract?: string },
  period: ReportPeriod,
): Promise<ReportSubject> {
  const contractCols = [
    "contracts.id",
    "contracts.name",
    "contracts.version",
    "contracts.terms",
    "contracts.terms_yaml",
    "contracts.valid_from",
    "contracts.valid_to",
    "contracts.vendor_id",
  ] as const;
  let contractRow:
    | {
        id: string;
        name: string;
        version: number;
        terms: unknown;
        terms_yaml: string;
        valid_from: string | null;
        valid_to: string | null;
        vendor_id: string | null;
      }
    | undefined;
  let vendor: { id: string; name: string } | undefined;
  if (ref.contract) {
    contractRow = await db
      .selectFrom("contracts")
      .select(contractCols)
      .where("workspace_id", "=", workspaceId)
      .where((eb) => eb.or([eb("id", "=", ref.contract as string), eb("name", "=", ref.contract as string)]))
      .orderBy("updated_at", "desc")
      .executeTakeFirst();
    if (!contractRow) throw new NotFoundError("contract", ref.contract);
    if (contractRow.vendor_id)
      vendor = await db
        .selectFrom("vendors")
        .select(["id", "name"])
        .where("id", "=", contractRow.vendor_id)
        .executeTakeFirst();
  } else if (ref.vendor) {
    vendor = await db
      .selectFrom("vendors")
      .select(["id", "name"])
      .where("workspace_id", "=", workspaceId)
      .where((eb) => eb.or([eb("id", "=", ref.vendor as string), eb("name", "=", ref.vendor as string)]))
      .executeTakeFirst();
    if (!vendor) throw new NotFoundError("vendor", ref.vendor);
    const rows = await db
      .selectFrom("contracts")
      .select(contractCols)
      .where("workspace_id", "=", workspaceId)
      .where("vendor_id", "=", vendor.id)
      .orderBy("updated_at", "desc")
      .execute();
    const lastDay = period.to;
    contractRow =
      rows.find(
        (r) => (!r.valid_from || r.valid_from < lastDay) && (!r.valid_to || r.valid_to >= period.from),
      ) ?? rows[0];
  }
  const terms = (
    contractRow?.terms && typeof contractRow.terms === "object" ? contractRow.terms : {}
  ) as Record<string, unknown>;
  const termsCalendar =
    terms.calendar && typeof terms.calendar === "object" ? (terms.calendar as Record<string, unknown>) : null;
  const settings = contractRow ? await getSettings(db as never, workspaceId, contractRow.id) : null;
  // Same rule as the availability claim: without stored settings the terms' calendar names the zone.
  let timezone = settings?.timezone ?? "UTC";
  if (settings && settings.version == null && typeof termsCalendar?.timezone === "string")
    timezone = termsCalendar.timezone;
  return {
    kind: ref.contract ? "contract" : "vendor",
    id: ref.contract ? (contractRow as { id: string }).id : (vendor as { id: string }).id,
    vendorId: vendor?.id ?? null,
    vendorName: vendor?.name ?? (typeof terms.vendor === "string" ? terms.vendor : null),
    contract: contractRow
      ? {
          id: contractRow.id,
          name: contractRow.name,
          terms,
          valid_from: contractRow.valid_from,
          valid_to: contractRow.valid_to,
          commitments: commitmentsOf(contractRow),
        }
      : null,
    formula: settings?.formula ?? "generic-time",
    timezone,
    calendar: settings?.calendar ?? termsCalendar,
    probeIds: settings?.probe_ids ?? null,
    monthlyFee:
      settings?.monthly_fee != null
        ? { amount: settings.monthly_fee, currency: settings.currency ?? "" }
        : null,
  };
}
