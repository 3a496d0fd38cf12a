import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError, errorText, get } from "../api/client";
import type { DocumentRow, Page, ScenarioId, Uploaded } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { DocumentPane } from "./document-pane";
import { ExportButtons } from "./export-buttons";
import { FindingsPane } from "./findings-pane";
import { type LoadedReview, loadReview, type ReviewSource } from "./load-review";
import { mergeFindings } from "./merge-findings";
import "./review-summary.css";
import { ReviewSummary } from "./review-summary";
import { ScenarioSelect } from "./scenario-select";
import { UploadBox } from "./upload-box";

/** Upload or paste terms; the document with highlighted evidence on the left, findings on the right. */
export function ReviewView({ ws, canEdit }: ViewProps) {
  const { t, lang, formatDate } = useI18n();
  const [docs, setDocs] = useState<DocumentRow[] | null>(null);
  const [source, setSource] = useState<ReviewSource | null>(null);
  const [scenario, setScenario] = useState<ScenarioId>("general");
  const [loaded, setLoaded] = useState<LoadedReview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Said after an upload the server recognised as a file already stored (same bytes). */
  const [duplicate, setDuplicate] = useState<string | null>(null);

  const refreshDocs = useCallback(async () => {
    try {
      setDocs((await get<Page<DocumentRow>>(`/workspaces/${ws}/documents?limit=200`)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [ws]);
  useEffect(() => void refreshDocs(), [refreshDocs]);

  useEffect(() => {
    if (!source) return;
    let live = true;
    setBusy(true);
    setError(null);
    loadReview(ws, source, scenario, lang)
      .then((r) => live && setLoaded(r))
      .catch((err) => live && setError(errorText(err)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [ws, source, scenario, lang]);

  const openDocument = useCallback(
    async (id: string, fromLink = false) => {
      if (!id) return;
      try {
        const doc = await get<DocumentRow & { text: string }>(`/workspaces/${ws}/documents/${id}`);
        setSource({ kind: "stored", documentId: doc.id, name: doc.name, text: doc.text });
        // A link to this review: /review?document=ID
        history.replaceState(null, "", `/review?document=${encodeURIComponent(doc.id)}`);
      } catch (err) {
        // A link from another workspace: forget it quietly.
        if (fromLink && err instanceof ApiError && err.status === 404)
          history.replaceState(null, "", "/review");
        else setError(errorText(err));
      }
    },
    [ws],
  );
  useEffect(() => {
    const linked = new URLSearchParams(location.search).get("document");
    if (linked) void openDocument(linked, true);
  }, [openDocument]);
  function uploaded(u: Uploaded) {
    setDuplicate(
      u.created
        ? null
        : t("review.duplicate", { name: u.document.name, date: formatDate(u.document.created_at) }),
    );
    void refreshDocs();
    void openDocument(u.document.id);
  }

  const review = loaded?.result;
  // one card per rule: the document pane and the findings pane share these indices
  const findings = useMemo(() => (review ? mergeFindings(review.findings) : []), [review]);
  return (
    <div className="review-view">
      <h1>{t("review.title")}</h1>
      {canEdit && (
        <UploadBox
          ws={ws}
          scenario={scenario}
          onUploaded={uploaded}
          onPasted={(text) => {
            history.replaceState(null, "", "/review");
            setDuplicate(null);
            setSource({ kind: "pasted", name: "pasted.txt", text });
          }}
        />
      )}
      <div className="toolbar">
        {docs && docs.length > 0 && (
          <div className="field inline">
            <label htmlFor="doc-pick">{t("review.pickDocument")}</label>
            <select
              id="doc-pick"
              value={source?.kind === "stored" ? source.documentId : ""}
              onChange={(e) => {
                setDuplicate(null);
                void openDocument(e.target.value);
              }}
            >
              <option value="">—</option>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} · {formatDate(d.created_at)}
                </option>
              ))}
            </select>
          </div>
        )}
        <ScenarioSelect id="review-scenario" value={scenario} onChange={setScenario} />
        {review && (
          <>
            <p className="score" aria-live="polite">
              {t("review.score")}: <strong data-testid="overall-score">{review.score.overall}</strong> / 100
            </p>
            <ExportButtons ws={ws} reviewId={loaded?.reviewId ?? null} review={review} onError={setError} />
          </>
        )}
        {busy && <span aria-live="polite">{t("common.loading")}</span>}
      </div>
      {duplicate && (
        <p className="note info duplicate" role="status" data-testid="duplicate-upload">
          {duplicate}
        </p>
      )}
      <ErrorNote error={error} />
      {docs && docs.length === 0 && !source && <EmptyState>{t("review.empty")}</EmptyState>}
      {review && source && (
        <>
          <p className="hint">{review.document.name}</p>
          <ReviewSummary review={review} />
          <div className="split">
            <DocumentPane text={source.text} findings={findings} />
            <FindingsPane review={review} findings={findings} />
          </div>
        </>
      )}
    </div>
  );
}
