import { z } from "zod";
import { HttpUrl } from "../../http-url/index.js";
import type { AlertChannel } from "./channel.js";

export const SlackConfig = z.object({ url: HttpUrl });
export type SlackConfig = z.infer<typeof SlackConfig>;

/** Slack treats `&`, `<`, `>` as markup (`<!channel>` pings everyone): escape values. */
export const slackEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Slack incoming webhook: `text` is the notification fallback, `blocks` the layout
 * (header ≤ 150 chars plain text; section fields ≤ 10, mrkdwn).
 */
export const slack: AlertChannel<SlackConfig> = {
  name: "slack",
  configSchema: SlackConfig,
  build(m, config) {
    const icon =
      m.status === "report"
        ? ":bar_chart:"
        : m.status === "resolved"
          ? ":white_check_mark:"
          : m.severity === "page"
            ? ":red_circle:"
            : ":large_orange_circle:";
    const blocks: unknown[] = [
      { type: "header", text: { type: "plain_text", text: m.title.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: `${icon} ${slackEscape(m.text)}` } },
    ];
    if (m.fields.length) {
      blocks.push({
        type: "section",
        fields: m.fields
          .slice(0, 10)
          .map(([k, v]) => ({ type: "mrkdwn", text: `*${slackEscape(k)}*\n${slackEscape(v)}` })),
      });
    }
    const context = [`${m.at}`, m.key];
    if (m.url) context.push(`<${m.url}|Termsight>`);
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: context.join(" · ") }] });
    const body = JSON.stringify({ text: `${m.title} — ${m.text}`, blocks });
    return {
      kind: "http",
      url: config.url,
      headers: { "content-type": "application/json" },
      body,
      expect: "slack_ok",
    };
  },
};
