import type { FastifyPluginAsync } from "fastify";
import { EXPORT_TYPES, exportReview, ReviewExportQuery } from "../../documents/index.js";
import { WorkspaceItemParams } from "../validation.js";
import { workspaceRoute } from "../workspace-route.js";

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
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/reviews/:id/export",
      role: "viewer",
      tags: ["reviews"],
      summary: "one review as a file to download: Markdown, a self-contained HTML page, or terms YAML",
      description:
        "Answers text/markdown, text/html or application/yaml with content-disposition attachment " +
        "(filename \"<document>-review.<ext>\"). `lang` picks the labels' language (default: the review's).",
      params: WorkspaceItemParams,
      query: ReviewExportQuery,
      send: (reply, file) =>
        reply
          .type(EXPORT_TYPES[file.format])
          .header("content-disposition", exportDisposition(file.documentName, file.format))
          .send(file.body),
    },
    exportReview,
  );
};
