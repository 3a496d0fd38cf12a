import { escapeHtml, escapeMarkdown } from "../escape/index.js";

/** A letter as a list of blocks, so Markdown and HTML render the same content. */
export type Block =
  | { type: "title"; text: string }
  | { type: "heading"; text: string }
  | { type: "para"; text: string }
  | { type: "fields"; rows: [string, string][] }
  | { type: "table"; head: string[]; rows: string[][] }
  | { type: "quote"; text: string };

const mdCell = (s: string) => escapeMarkdown(s).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function blocksToMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "title") out.push(`# ${escapeMarkdown(b.text)}`);
    else if (b.type === "heading") out.push(`## ${escapeMarkdown(b.text)}`);
    else if (b.type === "para") out.push(escapeMarkdown(b.text));
    else if (b.type === "fields")
      out.push(b.rows.map(([k, v]) => `- **${escapeMarkdown(k)}**: ${escapeMarkdown(v)}`).join("\n"));
    else if (b.type === "quote")
      out.push(
        escapeMarkdown(b.text)
          .split(/\r?\n/)
          .map((l) => `> ${l}`)
          .join("\n"),
      );
    else {
      out.push(
        [
          `| ${b.head.map(mdCell).join(" | ")} |`,
          `|${b.head.map(() => "---").join("|")}|`,
          ...b.rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
        ].join("\n"),
      );
    }
  }
  return `${out.join("\n\n")}\n`;
}

const STYLE =
  "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}" +
  "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left}" +
  "th{background:#f3f3f3}blockquote{border-left:4px solid #999;margin:0;padding:.25rem 1rem;color:#333;background:#fafafa}" +
  "dt{font-weight:600}dd{margin:0 0 .5rem 0}";

/** A self-contained HTML page (no network access), every value escaped. */
export function blocksToHtml(blocks: Block[], lang: string): string {
  const e = escapeHtml;
  const title = blocks.find((b) => b.type === "title");
  const body = blocks.map((b) => {
    if (b.type === "title") return `<h1>${e(b.text)}</h1>`;
    if (b.type === "heading") return `<h2>${e(b.text)}</h2>`;
    if (b.type === "para") return `<p>${e(b.text)}</p>`;
    if (b.type === "quote") return `<blockquote>${e(b.text).replace(/\r?\n/g, "<br>")}</blockquote>`;
    if (b.type === "fields")
      return `<dl>${b.rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join("")}</dl>`;
    const head = `<tr>${b.head.map((h) => `<th>${e(h)}</th>`).join("")}</tr>`;
    const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join("")}</tr>`).join("");
    return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
  });
  return [
    "<!doctype html>",
    `<html lang="${e(lang)}"><head><meta charset="utf-8">`,
    `<title>${e(title && title.type === "title" ? title.text : "")}</title>`,
    `<style>${STYLE}</style></head><body>`,
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}
