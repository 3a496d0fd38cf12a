import type { Kysely } from "kysely";
import { compileCalendar, parseCalendar } from "../../clock/index.js";
import { NotFoundError } from "../../errors/index.js";
import { type Database, jsonb } from "../../store/index.js";
import { type CalendarPreset, presetCalendar, readWorkspaceSettings } from "../../workspaces/index.js";
import type { EnforcedCommitments } from "../commitment-types.js";
import type { MaintenanceNotice } from "../maintenance.js";
import { monthPeriod } from "../period.js";
import { type Claim, prepareClaim } from "../prepare-claim.js";
import { loadObservations } from "./load-observations.js";
import { type AvailabilitySettings, checkSettings, getSettings } from "./settings.js";

/**
 * The contract's business calendar, or the workspace's default calendar preset in the contract's
 * zone (Mon–Fri 09–18 with China's official holidays in Asia/Shanghai unless the workspace chose another).
 */
export function contractCalendar(
  settings: Pick<AvailabilitySettings, "calendar" | "timezone">,
  termsCalendar: Record<string, unknown> | null = null,
  workspaceDefault: CalendarPreset = "cn_workdays",
) {
  const def = settings.calendar ?? termsCalendar ?? presetCalendar(workspaceDefault, settings.timezone);
  return compileCalendar(parseCalendar(def, "calendar"));
}

/**
 * The availability verb behind the API: loads the contract's terms, measurement settings,
 * maintenance notices and evidence (probe samples + imported logs) for the month, computes the
 * figure with the vendor's formula, the credit and the claim window, and stores the period.
 */
export async function computeContractClaim(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    contractId: string;
    period: string;
    overrides?: Partial<Pick<AvailabilitySettings, "formula" | "timezone">>;
    now: Date;
  },
): Promise<Claim> {
  const contract = await db
    .selectFrom("contracts")
    .leftJoin("vendors", "vendors.id", "contracts.vendor_id")
    .select([
      "contracts.id",
      "contracts.name",
      "contracts.vendor_id",
      "contracts.terms",
      "vendors.name as vendor_name",
    ])
    .where("contracts.workspace_id", "=", input.workspaceId)
    .where("contracts.id", "=", input.contractId)
    .executeTakeFirst();
  if (!contract) throw new NotFoundError("contract", input.contractId);
  const terms = contract.terms as {
    vendor?: string | null;
    commitments?: EnforcedCommitments;
    calendar?: Record<string, unknown> | null;
  };
  const termsCalendar = terms.calendar && typeof terms.calendar === "object" ? terms.calendar : null;
  const stored = await getSettings(db, input.workspaceId, input.contractId);
  if (stored.version == null && typeof termsCalendar?.timezone === "string")
    stored.timezone = termsCalendar.timezone;
  const settings = checkSettings({ ...stored, ...stripUndefined(input.overrides ?? {}) });
  const period = monthPeriod(input.period, settings.timezone);
  const from = new Date(period.start);
  const to = new Date(period.end);
  const notices = contract.vendor_id
    ? await db
        .selectFrom("maintenance_notices")
        .select(["title", "notice_at", "window_start", "window_end"])
        .where("workspace_id", "=", input.workspaceId)
        .where("vendor_id", "=", contract.vendor_id)
        .where("window_end", ">", from)
        .where("window_start", "<", to)
        .execute()
    : [];
  const maintenance: MaintenanceNotice[] = notices.map((n) => ({
    title: n.title,
    start: new Date(n.window_start),
    end: new Date(n.window_end),
    announced_at: new Date(n.notice_at),
  }));
  const observations = await loadObservations(db, {
    workspaceId: input.workspaceId,
    contractId: input.contractId,
    vendorId: contract.vendor_id,
    probeIds: settings.probe_ids,
    from,
    to,
  });
  const claim = prepareClaim({
    contract: { name: contract.name, vendor: contract.vendor_name ?? terms.vendor ?? null },
    commitments: terms.commitments ?? {},
    formula: settings.formula,
    period: input.period,
    timezone: settings.timezone,
    observations,
    maintenance,
    calendar: contractCalendar(
      settings,
      termsCalendar,
      (await readWorkspaceSettings(db, input.workspaceId)).business_calendar,
    ),
    monthly_fee:
      settings.monthly_fee != null
        ? { amount: settings.monthly_fee, currency: settings.currency ?? "" }
        : null,
    now: input.now,
  });
  const row = {
    formula: settings.formula,
    measured_percent: claim.report.measured_percent,
    credit_percent: claim.credit.credit_percent,
    report: jsonb(claim.report),
    credit: jsonb(claim.credit),
    claim_window: jsonb(claim.window),
    computed_at: input.now,
  };
  await db
    .insertInto("availability_periods")
    .values({ contract_id: input.contractId, period: input.period, workspace_id: input.workspaceId, ...row })
    .onConflict((oc) => oc.columns(["contract_id", "period"]).doUpdateSet(row))
    .execute();
  return claim;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
