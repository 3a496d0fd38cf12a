import type { FastifyPluginAsync } from "fastify";
import { ReviewFileQuery, reviewFile } from "../../report/index.js";
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

/** GET /workspaces/:ws/reviews/:id/export?format=md|html|yaml|pdf&lang=zh|en. */
export const routes: FastifyPluginAsync = async (app) => {
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/reviews/:id/export",
      role: "viewer",
      tags: ["reviews"],
      summary: "one review as a file to download: Markdown, a self-contained HTML page, terms YAML, or PDF",
      description:
        "Answers text/markdown, text/html, application/yaml or application/pdf with content-disposition attachment " +
        "(filename \"<document>-review.<ext>\"). `lang` picks the labels' language (default: the review's).",
      params: WorkspaceItemParams,
      query: ReviewFileQuery,
      send: (reply, file) =>
        reply
          .type(file.contentType)
          .header("content-disposition", exportDisposition(file.documentName, file.format))
          .send(typeof file.body === "string" ? file.body : Buffer.from(file.body)),
    },
    reviewFile,
  );
};
