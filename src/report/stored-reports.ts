import { z } from "zod";
import { requireRole, type Verb } from "../context/index.js";
import { InputError, NotFoundError } from "../errors/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { buildReport } from "./build-report.js";
import type { ReportLang } from "./labels.js";
import { renderReportHtml } from "./render-html.js";
import type { ReportModel } from "./report-model.js";

export const StoreReportInput = z.object({
  vendor: z.string().min(1).optional(),
  contract: z.string().min(1).optional(),
  period: z.string().max(40),
  lang: z.enum(["zh", "en"]).default("zh"),
  /** Which schedule made it; absent when a person asked for it. */
  schedule: z.enum(["monthly", "quarterly"]).nullable().default(null),
});
export type StoreReportInput = z.input<typeof StoreReportInput>;

export interface StoredReportView {
  id: string;
  subject: string;
  period: string;
  lang: string;
  schedule: string | null;
  created_at: string;
  /** The vendor or contract name and the headline figures, for lists. */
  title: string;
  headline: ReportModel["headline"];
}

/**
 * Builds a report and keeps it (model and HTML) so it can be downloaded and delivered later;
 * the same (subject, period, lang) is replaced, so a re-run or a caught-up schedule stores it once.
 */
export const storeReport: Verb<StoreReportInput, StoredReportView> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const parsed = StoreReportInput.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue?.path.join(".") || "input", (issue?.message ?? "invalid").toLowerCase());
  }
  const body = parsed.data;
  const model = await buildReport({
    ctx,
    input: { vendor: body.vendor, contract: body.contract, period: body.period },
  });
  const html = renderReportHtml(model, body.lang as ReportLang);
  const subject = `${model.subject.kind}:${model.subject.id}`;
  const actor = ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const values = {
      schedule: body.schedule,
      model: jsonb(model),
      html,
      created_by: actor,
      created_at: ctx.now,
    };
    const saved = await tx
      .insertInto("reports")
      .values({
        id: newId(),
        workspace_id: ws,
        subject,
        period: model.period.label,
        lang: body.lang,
        ...values,
      })
      .onConflict((oc) => oc.columns(["workspace_id", "subject", "period", "lang"]).doUpdateSet(values))
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    await writeAudit(tx, {
      workspaceId: ws,
      actorId: actor,
      action: "generate",
      entity: "report",
      entityId: saved.id,
      details: { subject, period: model.period.label, lang: body.lang, schedule: body.schedule },
      at: ctx.now,
    });
    return saved;
  });
  return {
    id: row.id,
    subject,
    period: model.period.label,
    lang: body.lang,
    schedule: body.schedule,
    created_at: new Date(row.created_at).toISOString(),
    title: model.subject.vendor ?? model.subject.contract ?? subject,
    headline: model.headline,
  };
};

/** The workspace's stored reports, newest first (at most 200). */
export const listStoredReports: Verb<Record<string, never>, StoredReportView[]> = async ({ ctx }) => {
  const ws = requireRole(ctx, "viewer");
  const rows = await ctx.db
    .selectFrom("reports")
    .select(["id", "subject", "period", "lang", "schedule", "created_at", "model"])
    .where("workspace_id", "=", ws)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => {
    const model = r.model as unknown as ReportModel;
    return {
      id: r.id,
      subject: r.subject,
      period: r.period,
      lang: r.lang,
      schedule: r.schedule,
      created_at: new Date(r.created_at).toISOString(),
      title: model.subject?.vendor ?? model.subject?.contract ?? r.subject,
      headline: model.headline,
    };
  });
};

/** One stored report: its model and the HTML page made when it was stored. */
export const getStoredReport: Verb<
  { id: string },
  { model: ReportModel; html: string; lang: string }
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const row = await ctx.db
    .selectFrom("reports")
    .select(["model", "html", "lang"])
    .where("workspace_id", "=", ws)
    .where("id", "=", input.id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("report", input.id);
  return { model: row.model as unknown as ReportModel, html: row.html, lang: row.lang };
};
