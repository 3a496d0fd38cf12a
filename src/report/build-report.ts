import { z } from "zod";
import { datePeriod } from "../availability/index.js";
import { type Ctx, requireRole, type Verb } from "../context/index.js";
import { InputError } from "../errors/index.js";
import { availabilitySection, latencySection } from "./availability-section.js";
import { loadSubject } from "./load-subject.js";
import { round } from "./quantile.js";
import { incidentSection, maintenanceSection, reviewSection } from "./records-section.js";
import type { Change, Headline, ReportModel, TicketSection } from "./report-model.js";
import { parseReportPeriod, previousPeriod, type ReportPeriod } from "./report-period.js";
import { ticketSection } from "./ticket-section.js";

export const BuildReportInput = z
  .object({
    /** Vendor id or name. */
    vendor: z.string().min(1).optional(),
    /** Contract id or name. */
    contract: z.string().min(1).optional(),
    period: z.string().max(40),
    /** Compute the previous period too, for quarter-over-quarter changes (default true). */
    compare: z.boolean().default(true),
  })
  .refine((v) => (v.vendor ? 1 : 0) + (v.contract ? 1 : 0) === 1, {
    message: "give exactly one of vendor or contract",
    path: ["vendor"],
  });
export type BuildReportInput = z.input<typeof BuildReportInput>;

/** The report model for a vendor or contract over a period (viewer role: it only reads). */
export const buildReport: Verb<BuildReportInput, ReportModel> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const parsed = BuildReportInput.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      issue?.path.join(".") || "input",
      (issue?.message ?? "invalid").replace(/^Invalid input: /, "").toLowerCase(),
    );
  }
  const body = parsed.data;
  const period = parseReportPeriod(body.period);
  const model = await modelFor(ctx, ws, body, period);
  if (body.compare) {
    const prev = previousPeriod(period);
    const before = await modelFor(ctx, ws, body, prev);
    model.previous = { label: prev.label, headline: before.headline };
    model.changes = changesBetween(before.headline, model.headline);
  }
  return model;
};

async function modelFor(
  ctx: Ctx,
  ws: string,
  ref: { vendor?: string; contract?: string },
  period: ReportPeriod,
): Promise<ReportModel> {
  const subject = await loadSubject(ctx.db, ws, ref, period);
  const whole = datePeriod(period.label, period.from, period.to, subject.timezone);
  const from = new Date(whole.start);
  const to = new Date(whole.end);
  const commitments = subject.contract?.commitments;

  const { availability, credits } = await availabilitySection(ctx.db, ws, subject, period, ctx.now);
  const latency = await latencySection(ctx.db, ws, subject, period);
  const tickets = await ticketSection(ctx.db, ws, subject.vendorId, from, to, ctx.now);
  const incidents = await incidentSection(
    ctx.db,
    ws,
    subject.vendorId,
    commitments?.rcaDeadlineHours ?? null,
    commitments?.rcaContents ?? [],
    from,
    to,
    ctx.now,
  );
  const maintenance = await maintenanceSection(ctx.db, ws, subject.vendorId, from, to);
  const review = await reviewSection(ctx.db, ws, subject.vendorId);
  const validTo = subject.contract?.valid_to ?? null;
  const model: ReportModel = {
    schema: "termsight.report/v1",
    generated_at: ctx.now.toISOString(),
    subject: {
      kind: subject.kind,
      id: subject.id,
      vendor: subject.vendorName,
      contract: subject.contract?.name ?? null,
    },
    contract: subject.contract
      ? {
          id: subject.contract.id,
          name: subject.contract.name,
          valid_from: subject.contract.valid_from,
          valid_to: validTo,
          days_to_renewal:
            validTo == null
              ? null
              : Math.floor((Date.parse(`${validTo}T00:00:00Z`) - ctx.now.getTime()) / 86_400_000),
        }
      : null,
    period: {
      label: period.label,
      kind: period.kind,
      from: period.from,
      to: period.to,
      timezone: subject.timezone,
    },
    availability,
    latency,
    tickets,
    incidents,
    maintenance,
    credits,
    review,
    previous: null,
    headline: {
      availability_percent: availability.total?.measured_percent ?? null,
      down_minutes:
        availability.total?.measured_percent == null ? null : (availability.total?.down_minutes ?? null),
      latency_p95_ms: latency.rows[0]?.p95_ms ?? null,
      tickets: tickets.count,
      sla_attainment_percent: overallAttainment(tickets),
      resolution_p90_minutes: tickets.resolution_p90_minutes,
      incidents: incidents.rows.length,
      rca_late_or_missing: incidents.rca.late + incidents.rca.missing,
      late_notices: maintenance.late,
      satisfaction: tickets.satisfaction.average,
    },
    changes: [],
  };
  return model;
}

/** Met over stopped clocks, every severity and metric together. */
function overallAttainment(t: TicketSection): number | null {
  let met = 0;
  let breached = 0;
  for (const s of t.by_severity)
    for (const c of Object.values(s.metrics)) {
      met += c.met;
      breached += c.breached;
    }
  return met + breached ? round((met / (met + breached)) * 100, 2) : null;
}

/** For these figures a higher value is better for the buyer. */
const HIGHER_IS_BETTER: Partial<Record<keyof Headline, boolean>> = {
  availability_percent: true,
  sla_attainment_percent: true,
  satisfaction: true,
};
/** Counts of work, not quality: shown without a direction. */
const NEUTRAL = new Set<keyof Headline>(["tickets"]);

export function changesBetween(before: Headline, now: Headline): Change[] {
  return (Object.keys(now) as (keyof Headline)[]).map((metric) => {
    const previous = before[metric];
    const current = now[metric];
    const delta = previous == null || current == null ? null : round(current - previous, 6);
    let direction: Change["direction"] = null;
    if (delta != null && delta !== 0 && !NEUTRAL.has(metric)) {
      const up = delta > 0;
      direction = up === (HIGHER_IS_BETTER[metric] ?? false) ? "better" : "worse";
    }
    return { metric, previous, current, delta, direction };
  });
}
