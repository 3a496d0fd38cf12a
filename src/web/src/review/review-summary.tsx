import { memo, useMemo } from "react";
import type { ReviewResult } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { topicLabel } from "../i18n/topic-labels";
import { commitmentRows } from "./commitment-rows";
import { showOffset } from "./document-pane";
import { rowLabel, valueText } from "./value-text";

/** At most this many evidence links per row (a section's evidence can be long). */
const MAX_LINKS = 3;

/** The top of the review: the score out of 100 with a bar per topic, then the commitments table. */
export const ReviewSummary = memo(function ReviewSummary({ review }: { review: ReviewResult }) {
  const { t, lang } = useI18n();
  const rows = useMemo(() => commitmentRows(review.commitments), [review.commitments]);
  const topics = Object.entries(review.score.topics);
  return (
    <section className="review-summary" aria-labelledby="summary-title" data-testid="review-summary">
      <h2 id="summary-title">{t("review.summary")}</h2>
      <div className="summary-grid">
        <div className="summary-score">
          <p className="big-score">
            <span className="sr-only">{t("review.scoreLabel")}: </span>
            {t("review.scoreOf", { score: review.score.overall })}
          </p>
          <h3 className="sr-only">{t("review.topicScores")}</h3>
          <ul className="topic-bars" aria-label={t("review.topicScores")}>
            {topics.map(([topic, score]) => (
              <li key={topic}>
                <span className="topic-name">{topicLabel(topic, lang)}</span>
                <span className="bar" aria-hidden="true">
                  <span className="fill" style={{ width: `${score}%` }} />
                </span>
                <span className="topic-value">{score}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="summary-commitments">
          <h3>{t("review.commitments")}</h3>
          <p className="hint">{t("review.commitmentsHint")}</p>
          <table className="commitments cards-on-phone" data-testid="commitments">
            <thead>
              <tr>
                <th scope="col">{t("review.colCommitment")}</th>
                <th scope="col">{t("review.colValue")}</th>
                <th scope="col">{t("review.colEvidence")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr
                  // rows are a fixed list per review: the index is stable
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  key={i}
                  className={row.value === null ? "not-stated" : undefined}
                >
                  <th scope="row">{rowLabel(row, t)}</th>
                  <td data-label={t("review.colValue")}>
                    {row.value === null ? (
                      <em className="muted">{t("review.notStated")}</em>
                    ) : (
                      valueText(row.value, t)
                    )}
                  </td>
                  <td data-label={t("review.colEvidence")}>
                    {row.evidence.slice(0, MAX_LINKS).map((span) => (
                      <button
                        key={`${span.start}-${span.end}`}
                        type="button"
                        className="link evidence-link"
                        aria-label={t("review.evidenceLineLabel", { line: span.line })}
                        onClick={() => showOffset(span.start)}
                      >
                        {t("review.evidenceLine", { line: span.line })}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
});
