import { memo, useMemo } from "react";
import type { Finding } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { segmentText } from "./highlight";

const LEGEND = ["trap", "exclusion", "vague", "strength"] as const;

/** The document text with every evidence span highlighted and coloured by finding kind. */
export const DocumentPane = memo(function DocumentPane({
  text,
  findings,
}: {
  text: string;
  findings: Finding[];
}) {
  const { t } = useI18n();
  const segments = useMemo(() => segmentText(text, findings), [text, findings]);
  return (
    <section className="doc-pane" aria-labelledby="doc-title">
      <div className="pane-head">
        <h2 id="doc-title">{t("review.document")}</h2>
        <ul className="legend" aria-label={t("review.legend")}>
          {LEGEND.map((k) => (
            <li key={k}>
              <span className={`swatch k-${k}`} aria-hidden="true" />
              {t(`kind.${k}`)}
            </li>
          ))}
        </ul>
      </div>
      <div className="doc-text" data-testid="document-text">
        {segments.map((s) =>
          s.kind === null ? (
            <span key={s.start}>{s.text}</span>
          ) : (
            <mark
              key={s.start}
              id={s.anchors[0]}
              tabIndex={s.anchors.length ? -1 : undefined}
              className={`span k-${s.kind}`}
              data-anchors={s.anchors.join(" ")}
              title={s.findings.map((fi) => findings[fi].title).join(" · ")}
            >
              {s.text}
            </mark>
          ),
        )}
      </div>
    </section>
  );
});

/** Scrolls to an evidence span of a finding (the first by default) and flashes it. */
export function showSpan(finding: number, evidence = 0): void {
  const el = document.querySelector<HTMLElement>(`[data-anchors~="ev-${finding}-${evidence}"]`);
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.focus({ preventScroll: true });
  el.classList.remove("flash");
  void el.offsetWidth;
  el.classList.add("flash");
}
