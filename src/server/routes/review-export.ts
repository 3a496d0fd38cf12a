import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { NotFoundError } from "../../errors/index.js";
import { renderReview } from "../../review/index.js";
import type { ReviewResult } from "../../terms/index.js";
import { requireMember } from "../auth/require-member.js";
import { docs, parseParams, parseQuery, WorkspaceItemParams } from "../validation.js";

/** The formats a stored review exports to, with their media types. */
export const EXPORT_TYPES = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
} as const;
export type ExportFormat = keyof typeof EXPORT_TYPES;

export const ReviewExportQuery = z.object({
  format: z.enum(["md", "html", "yaml"]).default("md"),
  lang: z.enum(["zh", "en"]).optional(),
});

/**
 * `attachment; filename="<doc>-review.<ext>"`: the document name without its extension, reduced
 * to safe ASCII in `filename` and given whole (UTF-8) in `filename*` when it has other characters.
 */
export function exportDisposition(documentName: string, ext: string): string {
  const base = documentName.replace(/\.[A-Za-z0-9]{1,8}$/, "") || "document";
  const full = `${base}-review.${ext}`;
  const ascii = full.replace(/[^A-Za-z0-9._ -]+/g, "_").replace(/^[_ ]+/, "") || `review.${ext}`;
  const plain = `attachment; filename="${ascii}"`;
  return ascii === full ? plain : `${plain}; filename*=UTF-8''${encodeURIComponent(full)}`;
}

/** GET /workspaces/:ws/reviews/:id/export?format=md|html|yaml&lang=zh|en. */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  app.get(
    "/workspaces/:ws/reviews/:id/export",
    {
      schema: docs({
        tags: ["reviews"],
        summary: "one review as a file to download: Markdown, a self-contained HTML page, or terms YAML",
        description:
          "Answers text/markdown, text/html or application/yaml with content-disposition attachment " +
          "(filename \"<document>-review.<ext>\"). `lang` picks the labels' language (default: the review's).",
        params: WorkspaceItemParams,
        querystring: ReviewExportQuery,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const query = parseQuery(ReviewExportQuery, request.query);
      const row = await db
        .selectFrom("reviews")
        .innerJoin("documents", "documents.id", "reviews.document_id")
        .leftJoin("vendors", "vendors.id", "documents.vendor_id")
        .select([
          "reviews.result",
          "reviews.lang",
          "documents.name",
          "documents.text",
          "vendors.name as vendor",
        ])
        .where("reviews.workspace_id", "=", ws)
        .where("reviews.id", "=", id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError("review", id);
      const stored = row.lang === "zh" || row.lang === "en" ? row.lang : undefined;
      const body = renderReview(row.result as ReviewResult, row.text, query.format, {
        lang: query.lang ?? stored,
        vendor: row.vendor ?? undefined,
      });
      return reply
        .type(EXPORT_TYPES[query.format])
        .header("content-disposition", exportDisposition(row.name, query.format))
        .send(body);
    },
  );
};
