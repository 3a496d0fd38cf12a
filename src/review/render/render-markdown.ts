import { escapeMarkdown } from "../../escape/index.js";
import { type Finding, type ReviewResult, TopicId } from "../../terms/index.js";
import { summarizeCommitments } from "./commitment-summary.js";
import { kindLabels, severityLabels, topicLabels, type UiLang, word } from "./labels.js";

/** A table cell: one line, pipes escaped, raw HTML shown as text. */
export const mdCell = (text: string) => escapeMarkdown(text).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
const quote = (text: string) => escapeMarkdown(text).replace(/\r?\n/g, " ").replace(/`/g, "'");
const md = escapeMarkdown;

function summaryTable(result: ReviewResult, lang: UiLang): string[] {
  const lines = [
    `| ${word("topic", lang)} | ${word("score", lang)} | ${severityLabels.high[lang]} | ${severityLabels.medium[lang]} | ${severityLabels.low[lang]} | ${word("strengths", lang)} |`,
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const topic of TopicId.options) {
    const score = result.score.topics[topic];
    if (score == null) continue;
    const of = (pred: (f: Finding) => boolean) =>
      result.findings.filter((f) => f.topic === topic && pred(f)).length;
    lines.push(
      `| ${topicLabels[topic][lang]} | ${score} | ${of((f) => f.kind !== "strength" && f.severity === "high")} | ${of((f) => f.kind !== "strength" && f.severity === "medium")} | ${of((f) => f.kind !== "strength" && f.severity === "low")} | ${of((f) => f.kind === "strength")} |`,
    );
  }
  return lines;
}

export function findingMarkdown(f: Finding, lang: UiLang): string[] {
  const lines = [
    `### [${severityLabels[f.severity][lang]} · ${kindLabels[f.kind][lang]}] ${md(f.title)}`,
    "",
    `\`${f.id}\` · ${topicLabels[f.topic][lang]}`,
    "",
    md(f.detail),
    "",
  ];
  if (f.evidence.length > 0) {
    for (const e of f.evidence) lines.push(`> ${word("line", lang, { n: e.line })}: “${quote(e.text)}”`);
    lines.push("");
  }
  lines.push(
    `**${word("ask", lang)}:** ${md(f.ask)}`,
    "",
    `**${word("clause", lang)}:** ${md(f.suggested_clause)}`,
    "",
  );
  return lines;
}

/** The review as Markdown: summary table, commitments, findings with asks and clauses. */
export function renderMarkdown(result: ReviewResult, lang: UiLang): string {
  const lines = [
    `# ${word("review", lang)}: ${md(result.document.name)}`,
    "",
    `${word("scenario", lang)}: **${result.scenario}** · ${word("language", lang)}: ${result.document.language} · ${word("overall", lang)}: **${result.score.overall}/100**`,
    "",
    `## ${word("summary", lang)}`,
    "",
    ...summaryTable(result, lang),
    "",
    `## ${word("commitments", lang)}`,
    "",
    `| ${word("topic", lang)} | ${word("item", lang)} | ${word("commitments", lang)} |`,
    "|---|---|---|",
  ];
  for (const row of summarizeCommitments(result.commitments, lang)) {
    lines.push(`| ${topicLabels[row.topic][lang]} | ${mdCell(row.label)} | ${mdCell(row.value ?? "—")} |`);
  }
  lines.push("", `## ${word("findings", lang)} (${result.findings.length})`, "");
  for (const f of result.findings) lines.push(...findingMarkdown(f, lang));
  return `${lines.join("\n").trimEnd()}\n`;
}
