import { escapeHtml as h } from "../render/escape-html.js";
import { kindLabels, severityLabels, topicLabels, word } from "../render/labels.js";
import { mdCell } from "../render/render-markdown.js";
import type { Comparison } from "./compare-reviews.js";

export const compareFormats = ["json", "md", "html"] as const;
export type CompareFormat = (typeof compareFormats)[number];

function markdown(c: Comparison): string {
  const { lang } = c;
  const names = c.vendors.map((v) => v.name);
  const lines = [
    `# ${word("compare", lang)} — ${word("scenario", lang)}: ${c.scenario}`,
    "",
    `| | ${names.map(mdCell).join(" | ")} |`,
    `|---|${names.map(() => "---").join("|")}|`,
    `| **${word("overall", lang)}** | ${c.vendors.map((v) => `**${v.overall}**`).join(" | ")} |`,
    "",
    `${word("winner", lang)}: **${c.winner ?? word("tie", lang)}**`,
    "",
  ];
  for (const t of c.topics) {
    lines.push(
      `## ${topicLabels[t.topic][lang]} — ${word("winner", lang)}: ${t.winner ?? word("tie", lang)}`,
      "",
    );
    lines.push(`| | ${names.map(mdCell).join(" | ")} |`, `|---|${names.map(() => "---").join("|")}|`);
    lines.push(`| ${word("score", lang)} | ${t.scores.join(" | ")} |`);
    for (const row of t.rows)
      lines.push(`| ${mdCell(row.label)} | ${row.values.map((v) => mdCell(v ?? "—")).join(" | ")} |`);
    lines.push("");
  }
  for (const memo of c.memos) {
    lines.push(`## ${word("memo", lang)}: ${memo.vendor}`, "");
    if (memo.items.length === 0) lines.push(word("nothingToAsk", lang), "");
    memo.items.forEach((item, i) => {
      lines.push(
        `${i + 1}. **[${severityLabels[item.severity][lang]} · ${kindLabels[item.kind as "trap"][lang]}] ${item.title}** (\`${item.id}\`)`,
        `   - ${word("ask", lang)}: ${item.ask}`,
        `   - ${word("clause", lang)}: ${item.suggested_clause}`,
      );
    });
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function html(c: Comparison): string {
  const { lang } = c;
  const head = `<tr><th></th>${c.vendors.map((v) => `<th>${h(v.name)}</th>`).join("")}</tr>`;
  const overall = `<tr><th>${h(word("overall", lang))}</th>${c.vendors.map((v) => `<td><b>${v.overall}</b></td>`).join("")}</tr>`;
  const topics = c.topics
    .map((t) => {
      const rows = t.rows
        .map(
          (r) => `<tr><td>${h(r.label)}</td>${r.values.map((v) => `<td>${h(v ?? "—")}</td>`).join("")}</tr>`,
        )
        .join("");
      const scores = t.scores
        .map((s, i) => `<td class="${c.vendors[i].name === t.winner ? "win" : ""}"><b>${s}</b></td>`)
        .join("");
      return `<tbody><tr class="topic"><th colspan="${c.vendors.length + 1}">${h(topicLabels[t.topic][lang])} — ${h(word("winner", lang))}: ${h(t.winner ?? word("tie", lang))}</th></tr><tr><td>${h(word("score", lang))}</td>${scores}</tr>${rows}</tbody>`;
    })
    .join("");
  const memos = c.memos
    .map(
      (m) =>
        `<section><h2>${h(word("memo", lang))}: ${h(m.vendor)}</h2>${
          m.items.length === 0
            ? `<p>${h(word("nothingToAsk", lang))}</p>`
            : `<ol>${m.items
                .map(
                  (i) =>
                    `<li><b>[${h(severityLabels[i.severity][lang])}] ${h(i.title)}</b> <code>${h(i.id)}</code><p>${h(word("ask", lang))}: ${h(i.ask)}</p><p class="clause">${h(word("clause", lang))}: ${h(i.suggested_clause)}</p></li>`,
                )
                .join("")}</ol>`
        }</section>`,
    )
    .join("");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(word("compare", lang))}</title>
<style>body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#1d2330}table{border-collapse:collapse;width:100%}td,th{border:1px solid #dde1e7;padding:4px 8px;text-align:left;vertical-align:top}tr.topic th{background:#eef2f7}td.win{background:#d4f5dc}.clause{background:#f3f6fa;padding:6px 8px;border-radius:4px}</style></head>
<body><h1>${h(word("compare", lang))} — ${h(word("scenario", lang))}: ${h(c.scenario)}</h1>
<p>${h(word("winner", lang))}: <b>${h(c.winner ?? word("tie", lang))}</b></p>
<table><thead>${head}${overall}</thead>${topics}</table>
${memos}
</body></html>
`;
}

/** Renders a comparison as json, md or one self-contained html page. */
export function renderComparison(comparison: Comparison, format: CompareFormat): string {
  if (format === "json") return `${JSON.stringify(comparison, null, 2)}\n`;
  return format === "md" ? markdown(comparison) : html(comparison);
}
