/** What every channel renders: one alert or its recovery (or a scheduled report), already worded in one language. */
export interface AlertMessage {
  /** Deduplication key: one open alert per key (e.g. `burn:<contract id>`); `report:<id>` for a report. */
  key: string;
  /** `report`: a scheduled report is ready (a notice with a link, not an incident). */
  status: "firing" | "resolved" | "report";
  severity: "page" | "ticket";
  title: string;
  /** Plain text, one or two sentences. */
  text: string;
  fields: [string, string][];
  url: string | null;
  /** ISO 8601 instant. */
  at: string;
  lang: "zh" | "en";
}

/** Plain-text rendering shared by channels without rich formatting. */
export function messageAsText(m: AlertMessage): string {
  return [m.title, m.text, ...m.fields.map(([k, v]) => `${k}: ${v}`), ...(m.url ? [m.url] : [])].join("\n");
}

/** Markdown rendering (DingTalk, WeCom, email text). */
export function messageAsMarkdown(m: AlertMessage): string {
  const lines = [`### ${m.title}`, "", m.text, "", ...m.fields.map(([k, v]) => `- **${k}**: ${v}`)];
  if (m.url) lines.push("", `[${m.lang === "zh" ? "查看详情" : "Open in Termsight"}](${m.url})`);
  return lines.join("\n");
}
