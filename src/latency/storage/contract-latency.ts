import { sql } from "kysely";
import { getSettings, monthPeriod, noDataReason } from "../../availability/index.js";
import { type Ctx, type Db, requireRole, type Verb } from "../../context/index.js";
import { InputError, NotFoundError } from "../../errors/index.js";
import { type LatencyMetric, type LatencyTarget, LatencyTargets } from "../../terms/index.js";
import { evaluateLatency, type LatencyReport, type LatencySample } from "../evaluate-latency.js";

/** Probe timings per metric; `first_audio_byte` is the first byte of a probe on the audio stream. */
type Timings = Partial<
  Record<"dns" | "connect" | "tls" | "first_byte" | "first_token" | "total", number | null>
>;

export function latencyValues(t: Timings | null): Partial<Record<LatencyMetric, number | null>> {
  return {
    connect: t?.connect ?? null,
    tls: t?.tls ?? null,
    first_byte: t?.first_byte ?? null,
    first_token: t?.first_token ?? null,
    first_audio_byte: t?.first_byte ?? null,
    total: t?.total ?? null,
  };
}

/** Scheduled probe runs (attempt 1) of the given probes in [from, to), with their timings. */
export async function loadLatencySamples(
  db: Db,
  q: { workspaceId: string; probeIds: string[]; from: Date; to: Date },
): Promise<LatencySample[]> {
  if (q.probeIds.length === 0) return [];
  const rows = await db
    .selectFrom("probe_samples")
    .select(["probe_id", "at", "region", "skew_flagged", "error"])
    .select(sql<boolean | null>`(sample->>'blocked') = 'true'`.as("blocked"))
    .select(sql<Timings | null>`sample->'timings_ms'`.as("timings"))
    .where("workspace_id", "=", q.workspaceId)
    .where("probe_id", "in", q.probeIds)
    .where("attempt", "=", 1)
    .where("at", ">=", q.from)
    .where("at", "<", q.to)
    .execute();
  return rows.map((r) => ({
    t: new Date(r.at).getTime(),
    probe_id: r.probe_id,
    region: r.region,
    values: latencyValues(typeof r.timings === "string" ? JSON.parse(r.timings) : r.timings),
    no_data:
      noDataReason({ blocked: r.blocked === true, skew_flagged: r.skew_flagged, error: r.error }) != null,
  }));
}

export interface ContractLatencyInput {
  contractId: string;
  /** `YYYY-MM` in the contract's measurement time zone (its availability settings). */
  period: string;
}

/**
 * The contract's latency commitments (terms `latency:`) judged per region over a month from the
 * probe samples of its vendor (or the probes its availability settings or the target name).
 */
export const contractLatency: Verb<ContractLatencyInput, LatencyReport> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const contract = await ctx.db
    .selectFrom("contracts")
    .select(["id", "vendor_id", "terms"])
    .where("workspace_id", "=", ws)
    .where("id", "=", input.contractId)
    .executeTakeFirst();
  if (!contract) throw new NotFoundError("contract", input.contractId);
  const terms = contract.terms as { latency?: unknown; calendar?: { timezone?: unknown } | null };
  const parsed = LatencyTargets.safeParse(terms.latency ?? []);
  if (!parsed.success) throw new InputError("terms.latency", parsed.error.issues[0].message.toLowerCase());
  const targets: LatencyTarget[] = parsed.data;
  const settings = await getSettings(ctx.store.db, ws, input.contractId);
  const timezone =
    settings.version == null && typeof terms.calendar?.timezone === "string"
      ? terms.calendar.timezone
      : settings.timezone;
  const period = monthPeriod(input.period, timezone);
  const probeIds = [
    ...new Set([
      ...(settings.probe_ids ?? (await vendorProbes(ctx, ws, contract.vendor_id))),
      ...targets.flatMap((t) => t.probes ?? []),
    ]),
  ];
  const samples = await loadLatencySamples(ctx.db, {
    workspaceId: ws,
    probeIds,
    from: new Date(period.start),
    to: new Date(period.end),
  });
  return evaluateLatency({ targets, samples, period, now: ctx.now });
};

async function vendorProbes(ctx: Ctx, ws: string, vendorId: string | null): Promise<string[]> {
  if (!vendorId) return [];
  const rows = await ctx.db
    .selectFrom("probes")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("vendor_id", "=", vendorId)
    .execute();
  return rows.map((r) => r.id);
}
