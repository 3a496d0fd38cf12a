import { ApiError, get, post } from "../api/client";
import type { Page, ReviewResult, ReviewRow, ReviewWithText, ScenarioId } from "../api/types";
import type { UiLang } from "../i18n/i18n";

export type ReviewSource =
  | { kind: "stored"; documentId: string; name: string; text: string }
  | { kind: "pasted"; name: string; text: string };

export interface LoadedReview {
  result: ReviewResult;
  /** The stored review's id (exports, contracts); null for pasted text. */
  reviewId: string | null;
}

/** The stateless review (nothing stored): POST /api/v1/review. */
function reviewText(source: ReviewSource, scenario: ScenarioId, lang: UiLang): Promise<ReviewResult> {
  return post<ReviewResult>("/review", { text: source.text, name: source.name, scenario, lang });
}

/**
 * The review of a source for a scenario and language. Stored documents: POST /reviews (idempotent,
 * editors); a viewer falls back to a stored review (GET /reviews?…) or the stateless review.
 */
export async function loadReview(
  ws: string,
  source: ReviewSource,
  scenario: ScenarioId,
  lang: UiLang,
): Promise<LoadedReview> {
  if (source.kind === "pasted") return { result: await reviewText(source, scenario, lang), reviewId: null };
  try {
    const row = await post<ReviewRow>(`/workspaces/${ws}/reviews`, {
      document_id: source.documentId,
      scenario,
      lang,
    });
    if (row.result) return { result: row.result, reviewId: row.id };
    const full = await get<ReviewWithText>(`/workspaces/${ws}/reviews/${row.id}`);
    return { result: full.review, reviewId: row.id };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 403) throw err;
  }
  const q = new URLSearchParams({ document_id: source.documentId, scenario });
  const stored = (await get<Page<ReviewRow>>(`/workspaces/${ws}/reviews?${q}`)).items.find(
    (r) => r.lang === lang,
  );
  if (stored) {
    const full = await get<ReviewWithText>(`/workspaces/${ws}/reviews/${stored.id}`);
    return { result: full.review, reviewId: stored.id };
  }
  return { result: await reviewText(source, scenario, lang), reviewId: null };
}

/** Downloads a text as a file. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
