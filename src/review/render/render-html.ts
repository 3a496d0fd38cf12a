import { type Finding, type ReviewResult, type Span, TopicId } from "../../terms/index.js";
import { summarizeCommitments } from "./commitment-summary.js";
import { escapeHtml as h } from "./escape-html.js";
import { type Highlight, highlightDocument } from "./highlight-document.js";
import { pageScript, pageStyle } from "./html-style.js";
import { kindLabels, severityLabels, topicLabels, type UiLang, word } from "./labels.js";

const kindPriority = { trap: 6, exclusion: 5, vague: 4, missing: 3, strength: 2 } as const;

/** Every span in the commitments (walks the whole object, whatever its shape). */
export function commitmentSpans(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) for (const v of value) commitmentSpans(v, out);
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "evidence" && Array.isArray(v)) out.push(...(v as Span[]));
      else commitmentSpans(v, out);
    }
  }
  return out;
}

function highlights(result: ReviewResult): Highlight[] {
  const list: Highlight[] = [];
  result.findings.forEach((f, i) => {
    f.evidence.forEach((s, j) => {
      const target = `finding-${i}`;
      list.push({
        start: s.start,
        end: s.end,
        id: `f${i}-e${j}`,
        className: `k-${f.kind}`,
        target,
        priority: kindPriority[f.kind],
      });
    });
  });
  commitmentSpans(result.commitments).forEach((s, n) => {
    list.push({
      start: s.start,
      end: s.end,
      id: `c${n}`,
      className: "k-commitment",
      target: "commitments",
      priority: 1,
    });
  });
  return list;
}

function findingCard(f: Finding, i: number, lang: UiLang): string {
  const evidence = f.evidence.length
    ? `<div class="ev">${f.evidence.map((s, j) => `<a href="#f${i}-e${j}" data-go="f${i}-e${j}">${h(word("line", lang, { n: s.line }))}</a>`).join("")}</div>`
    : `<div class="none">${h(word("noEvidence", lang))}</div>`;
  const first = f.evidence.length ? ` data-first="f${i}-e0"` : "";
  return `<article class="finding k-${f.kind}" id="finding-${i}"${first}>
<h3><span class="sev sev-${f.severity}">${h(severityLabels[f.severity][lang])}</span>${h(f.title)}</h3>
<div class="id">${h(f.id)} · ${h(kindLabels[f.kind][lang])}</div>
<p>${h(f.detail)}</p>${evidence}
<p class="ask"><b>${h(word("ask", lang))}</b>${h(f.ask)}</p>
<p class="clause"><b>${h(word("clause", lang))}</b><span>${h(f.suggested_clause)}</span></p>
</article>`;
}

function findingsByTopic(result: ReviewResult, lang: UiLang): string {
  const indexed = result.findings.map((f, i) => ({ f, i }));
  return TopicId.options
    .map((topic) => {
      const items = indexed.filter(({ f }) => f.topic === topic);
      const score = result.score.topics[topic];
      if (items.length === 0 && score == null) return "";
      return `<section class="topic"><h2><span>${h(topicLabels[topic][lang])}</span><span>${score ?? "—"}</span></h2>
${items.map(({ f, i }) => findingCard(f, i, lang)).join("\n")}</section>`;
    })
    .join("\n");
}

function commitmentsTable(result: ReviewResult, lang: UiLang): string {
  const rows = summarizeCommitments(result.commitments, lang)
    .map(
      (r) =>
        `<tr><td>${h(topicLabels[r.topic][lang])}</td><td>${h(r.label)}</td><td>${h(r.value ?? "—")}</td></tr>`,
    )
    .join("");
  return `<details id="commitments"><summary>${h(word("commitments", lang))}</summary><table>${rows}</table></details>`;
}

/**
 * One self-contained page: the document with every evidence span highlighted by finding kind
 * (click → the finding), the findings beside it grouped by topic (click → the span). No network.
 */
export function renderHtml(result: ReviewResult, text: string, lang: UiLang): string {
  const legend = (["trap", "exclusion", "vague", "strength"] as const)
    .map((k) => `<mark class="k-${k}">${h(kindLabels[k][lang])}</mark>`)
    .join("");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(`${word("review", lang)}: ${result.document.name}`)}</title>
<style>${pageStyle}</style></head>
<body>
<header><h1>${h(`${word("review", lang)}: ${result.document.name}`)}</h1>
<div class="meta">${h(word("scenario", lang))}: ${h(result.scenario)} · ${h(word("language", lang))}: ${h(result.document.language)} · <span class="overall">${h(word("overall", lang))}: ${result.score.overall}/100</span> · <span class="legend">${legend}<mark class="k-commitment">${h(word("commitments", lang))}</mark></span></div></header>
${commitmentsTable(result, lang)}
<div class="layout">
<main class="doc" aria-label="${h(word("document", lang))}">${highlightDocument(text, highlights(result))}</main>
<aside class="side">${findingsByTopic(result, lang)}</aside>
</div>
<script>${pageScript}</script>
</body></html>
`;
}
