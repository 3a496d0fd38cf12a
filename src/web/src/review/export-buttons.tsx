import { useEffect, useState } from "react";
import { errorText, get } from "../api/client";
import { serverHasRoute } from "../api/openapi";
import type { ReviewResult } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { download } from "./load-review";

/** The route that renders a stored review as md/html/yaml (src/review renderReview), when the server has it. */
const EXPORT_ROUTE = "/api/v1/workspaces/{ws}/reviews/{id}/export";
const TYPES = { md: "text/markdown", html: "text/html", yaml: "application/yaml" } as const;

interface Props {
  ws: string;
  reviewId: string | null;
  review: ReviewResult;
  onError: (message: string) => void;
}

/** Export: JSON always (client-side); Markdown, HTML and YAML through the server's renderer when it has the route. */
export function ExportButtons({ ws, reviewId, review, onError }: Props) {
  const { t } = useI18n();
  const [rendered, setRendered] = useState(false);
  useEffect(() => {
    serverHasRoute(EXPORT_ROUTE).then(setRendered);
  }, []);
  const base = review.document.name.replace(/\.[^.]+$/, "");
  async function exportAs(format: keyof typeof TYPES) {
    try {
      const text = await get<string>(`/workspaces/${ws}/reviews/${reviewId}/export?format=${format}`);
      download(`${base}.review.${format}`, text, TYPES[format]);
    } catch (err) {
      onError(errorText(err));
    }
  }
  return (
    <div className="row export">
      <span>{t("review.export")}:</span>
      <button
        type="button"
        className="small"
        onClick={() => download(`${base}.review.json`, JSON.stringify(review, null, 2), "application/json")}
      >
        JSON
      </button>
      {rendered && reviewId ? (
        <>
          {(["md", "html", "yaml"] as const).map((f) => (
            <button key={f} type="button" className="small" onClick={() => exportAs(f)}>
              {f === "md" ? "Markdown" : f.toUpperCase()}
            </button>
          ))}
          <a
            className="button"
            href={`/api/v1/workspaces/${ws}/reviews/${reviewId}/export?format=pdf`}
            download
          >
            PDF
          </a>
        </>
      ) : (
        <span className="hint">{t("review.exportNote")}</span>
      )}
    </div>
  );
}
