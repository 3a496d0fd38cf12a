import type { Finding, ReviewResult } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { topicLabel } from "../i18n/topic-labels";
import { CopyButton } from "./copy-button";
import { showSpan } from "./document-pane";

function FindingCard({ finding, index }: { finding: Finding; index: number }) {
  const { t } = useI18n();
  const located = finding.evidence.length > 0;
  return (
    <li
      className={`finding k-${finding.kind}`}
      data-finding={finding.id}
      id={`finding-${index}`}
      tabIndex={-1}
    >
      <div className="finding-head">
        <span className={`badge k-${finding.kind}`}>{t(`kind.${finding.kind}`)}</span>
        <span className={`sev sev-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span>
        {located ? (
          <button
            id={`finding-${index}-title`}
            type="button"
            className="link finding-title"
            onClick={() => showSpan(index)}
            title={t("review.showSpan")}
          >
            {finding.title}
          </button>
        ) : (
          <strong id={`finding-${index}-title`} className="finding-title">
            {finding.title}
          </strong>
        )}
        {finding.evidence.length > 1 && (
          <span className="hint">{t("review.places", { n: finding.evidence.length })}</span>
        )}
        {finding.evidence.length > 1 &&
          finding.evidence.map((span, ei) => (
            <button
              key={`${span.start}-${span.end}`}
              type="button"
              className="small span-jump"
              onClick={() => showSpan(index, ei)}
              title={t("review.showSpanN", { n: ei + 1, line: span.line })}
            >
              {t("review.evidenceLine", { line: span.line })}
            </button>
          ))}
      </div>
      <p>{finding.detail}</p>
      {finding.ask && (
        <p>
          <strong>{t("review.ask")}: </strong>
          {finding.ask}
        </p>
      )}
      {finding.suggested_clause && (
        <div className="clause">
          <div className="clause-head">
            <strong>{t("review.clause")}</strong>
            <CopyButton text={finding.suggested_clause} label={t("review.copyClause")} />
          </div>
          <blockquote>{finding.suggested_clause}</blockquote>
        </div>
      )}
    </li>
  );
}

/**
 * Findings grouped by topic (with the topic's score); missing findings listed on their own.
 * `findings` are the review's findings merged per rule (mergeFindings), indexed as the document pane.
 */
export function FindingsPane({ review, findings }: { review: ReviewResult; findings: Finding[] }) {
  const { t, lang } = useI18n();
  const indexed = findings.map((f, i) => ({ f, i }));
  const present = indexed.filter(({ f }) => f.kind !== "missing");
  const missing = indexed.filter(({ f }) => f.kind === "missing");
  const topics = [...new Set(present.map(({ f }) => f.topic))];
  return (
    <section className="findings-pane" aria-labelledby="findings-title">
      <h2 id="findings-title">{t("review.findings")}</h2>
      {findings.length === 0 && <p>{t("review.noFindings")}</p>}
      {topics.map((topic) => (
        <div key={topic} className="topic-group">
          <h3>
            {topicLabel(topic, lang)}
            {review.score.topics[topic] !== undefined && (
              <span className="topic-score">
                {t("review.scoreOf", { score: review.score.topics[topic] })}
              </span>
            )}
          </h3>
          <ul className="findings">
            {present
              .filter(({ f }) => f.topic === topic)
              .map(({ f, i }) => (
                <FindingCard key={i} finding={f} index={i} />
              ))}
          </ul>
        </div>
      ))}
      {missing.length > 0 && (
        <div className="topic-group missing-group">
          <h3>{t("review.missing")}</h3>
          <ul className="findings">
            {missing.map(({ f, i }) => (
              <FindingCard key={i} finding={f} index={i} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
