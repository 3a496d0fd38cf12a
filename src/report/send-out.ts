import { z } from "zod";
import { computeContractClaim } from "../availability/index.js";
import { FileResult, parseInput, requireRole, type Verb } from "../context/index.js";
import {
  type CompareBody,
  compareDocuments,
  EXPORT_TYPES,
  exportReview,
  ReviewExportQuery,
} from "../documents/index.js";
import { ConflictError, InputError, NotFoundError } from "../errors/index.js";
import { type Comparison, renderComparison, renderReview } from "../review/index.js";
import type { ReviewResult } from "../terms/index.js";
import { claimPack } from "./claim-pack.js";
import { markdownPdf } from "./markdown-pdf.js";

/** A rendered file (report, review PDF, claim pack): the faces send it as a download. */
export type FileOut = FileResult;

/** A review export's query: the text formats of `exportReview`, and pdf. */
export const ReviewFileQuery = ReviewExportQuery.extend({
  format: z.enum(["md", "html", "yaml", "pdf"]).default("md"),
});

/**
 * A stored review as a file to send: Markdown, HTML or terms YAML as `exportReview` writes them, or
 * the PDF of the same review (one PDF path for everything a user sends out).
 */
export const reviewFile: Verb<
  { id: string } & z.input<typeof ReviewFileQuery>,
  {
    documentName: string;
    format: "md" | "html" | "yaml" | "pdf";
    contentType: string;
    body: string | Uint8Array;
  }
> = async ({ ctx, input }) => {
  const { id, format, lang } = parseInput("query", ReviewFileQuery.extend({ id: z.string().min(1) }), input);
  if (format === "pdf") {
    const pdf = await reviewPdf({ ctx, input: { id, lang } });
    const row = await ctx.db
      .selectFrom("reviews")
      .innerJoin("documents", "documents.id", "reviews.document_id")
      .select("documents.name")
      .where("reviews.workspace_id", "=", requireRole(ctx, "viewer"))
      .where("reviews.id", "=", id)
      .executeTakeFirstOrThrow();
    return { documentName: row.name, format, contentType: pdf.contentType, body: pdf.bytes };
  }
  const file = await exportReview({ ctx, input: { id, format, lang } });
  return { ...file, contentType: EXPORT_TYPES[file.format] };
};

/** The comparison of documents for a scenario with each vendor's negotiation memo, as a PDF. */
export const comparisonPdf: Verb<z.input<typeof CompareBody>, FileOut> = async ({ ctx, input }) => {
  const comparison = (await compareDocuments({ ctx, input })) as Comparison;
  const title = comparison.vendors.map((v) => v.name).join(" / ");
  return {
    bytes: await markdownPdf(renderComparison(comparison, "md"), { title, lang: comparison.lang }),
    contentType: "application/pdf",
    fileName: `comparison-${comparison.scenario}.pdf`,
  };
};

export const ReviewPdfInput = z.object({ id: z.string().min(1), lang: z.enum(["zh", "en"]).optional() });

/** A stored terms review (the document's verdict and every finding) as a PDF. */
export const reviewPdf: Verb<z.input<typeof ReviewPdfInput>, FileOut> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const q = ReviewPdfInput.parse(input);
  const row = await ctx.db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .leftJoin("vendors", "vendors.id", "documents.vendor_id")
    .select(["reviews.result", "reviews.lang", "documents.name", "documents.text", "vendors.name as vendor"])
    .where("reviews.workspace_id", "=", ws)
    .where("reviews.id", "=", q.id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("review", q.id);
  const lang = q.lang ?? (row.lang === "en" ? "en" : "zh");
  const md = renderReview(row.result as ReviewResult, row.text, "md", {
    lang,
    vendor: row.vendor ?? undefined,
  });
  const base = row.name.replace(/\.[A-Za-z0-9]{1,8}$/, "") || "document";
  return new FileResult(
    await markdownPdf(md, { title: `${base} review`, lang }),
    "application/pdf",
    `${base}-review.pdf`,
  );
};

export const ClaimPackInput = z.object({
  contract_id: z.string().min(1),
  period: z.string().min(1).max(7),
  lang: z.enum(["zh", "en"]).default("zh"),
});

/** The claim pack of a contract's month: letter PDF, per-minute evidence CSV and quoted clauses, zipped. */
export const claimPackFile: Verb<z.input<typeof ClaimPackInput>, FileOut> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const parsed = ClaimPackInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue?.path.join(".") || "input", (issue?.message ?? "invalid").toLowerCase());
  }
  const q = parsed.data;
  const claim = await computeContractClaim(ctx.db as never, {
    workspaceId: ws,
    contractId: q.contract_id,
    period: q.period,
    now: ctx.now,
  });
  // The pack carries a letter claiming a credit: none where nothing is owed, as for the letter itself.
  if (!claim.letter.offered)
    throw new ConflictError(
      `no claim pack for ${q.period} (${claim.letter.reason}): ${claim.letter.message?.[q.lang] ?? ""}`,
    );
  return new FileResult(await claimPack(claim, q.lang), "application/zip", `claim-${q.period}.zip`);
};
