import { type KeyboardEvent, type MouseEvent, memo, useMemo } from "react";
import type { Finding } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { segmentText } from "./highlight";

const LEGEND = ["trap", "exclusion", "vague", "strength"] as const;

/**
 * The document text with every evidence span highlighted and coloured by finding kind. Clicking a
 * highlight (or Enter on a focused one) shows its finding.
 */
export const DocumentPane = memo(function DocumentPane({
  text,
  findings,
}: {
  text: string;
  findings: Finding[];
}) {
  const { t } = useI18n();
  const segments = useMemo(() => segmentText(text, findings), [text, findings]);
  function open(e: MouseEvent | KeyboardEvent) {
    const mark = (e.target as HTMLElement).closest<HTMLElement>("mark[data-findings]");
    if (!mark) return;
    const ids = (mark.dataset.findings ?? "").split(" ").filter(Boolean).map(Number);
    const lead = ids.find((i) => mark.classList.contains(`k-${findings[i]?.kind}`)) ?? ids[0];
    if (lead === undefined) return;
    e.preventDefault();
    showFinding(lead);
  }
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
      {/* highlights are reached from their findings (focus) and lead back by click or Enter */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: delegated handler for the marks inside */}
      <div
        className="doc-text"
        data-testid="document-text"
        onClick={open}
        onKeyDown={(e) => {
          if (e.key === "Enter") open(e);
        }}
      >
        {segments.map((s) =>
          s.kind === null ? (
            <span key={s.start} data-start={s.start}>
              {s.text}
            </span>
          ) : (
            <mark
              key={s.start}
              id={s.anchors[0]}
              tabIndex={-1}
              data-start={s.start}
              className={`span k-${s.kind}`}
              data-anchors={s.anchors.join(" ")}
              data-findings={s.findings.join(" ")}
              title={`${s.findings.map((fi) => findings[fi].title).join(" · ")} — ${t("review.showFinding")}`}
            >
              {s.text}
            </mark>
          ),
        )}
      </div>
    </section>
  );
});

function flash(el: HTMLElement, className: string): void {
  el.classList.remove(className);
  void el.offsetWidth;
  el.classList.add(className);
}

/** Scrolls to an evidence span of a finding (the first by default) and flashes it. */
export function showSpan(finding: number, evidence = 0): void {
  const el = document.querySelector<HTMLElement>(`[data-anchors~="ev-${finding}-${evidence}"]`);
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.focus({ preventScroll: true });
  flash(el, "flash");
}

/** Scrolls to the piece of the document holding character `offset` (a commitment's evidence). */
export function showOffset(offset: number): void {
  let target: HTMLElement | null = null;
  for (const el of document.querySelectorAll<HTMLElement>("[data-testid=document-text] [data-start]")) {
    if (Number(el.dataset.start) > offset) break;
    target = el;
  }
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  target.focus({ preventScroll: true });
  flash(target, target.tagName === "MARK" ? "flash" : "flash-plain");
}

/** Scrolls to a finding's card and focuses it (from a highlight in the document). */
export function showFinding(finding: number): void {
  const el = document.getElementById(`finding-${finding}`);
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.focus({ preventScroll: true });
  flash(el, "flash");
}
