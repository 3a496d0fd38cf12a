import { z } from "zod";
import { HttpUrl } from "../../http-url/index.js";
import { messageAsMarkdown } from "../alert-message.js";
import type { AlertChannel } from "./channel.js";

export const WeComConfig = z.object({
  /** The group robot's webhook key (`…/cgi-bin/webhook/send?key=<key>`). */
  key: z.string().min(1),
  base_url: HttpUrl.default("https://qyapi.weixin.qq.com"),
});
export type WeComConfig = z.infer<typeof WeComConfig>;

/** WeCom rejects markdown content over 4096 bytes (errcode 40058). */
export const WECOM_MAX_BYTES = 4096;

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}

/** WeCom (企业微信) group robot: a `markdown` message; no signing, the key is the secret. */
export const wecom: AlertChannel<WeComConfig> = {
  name: "wecom",
  configSchema: WeComConfig,
  build(m, config) {
    const url = new URL("/cgi-bin/webhook/send", config.base_url);
    url.searchParams.set("key", config.key);
    const color = m.status === "resolved" || m.status === "report" ? "info" : "warning";
    const content = truncateUtf8(
      messageAsMarkdown(m).replace(`### ${m.title}`, `### <font color="${color}">${m.title}</font>`),
      WECOM_MAX_BYTES,
    );
    const body = JSON.stringify({ msgtype: "markdown", markdown: { content } });
    return {
      kind: "http",
      url: url.toString(),
      headers: { "content-type": "application/json" },
      body,
      expect: "errcode_0",
    };
  },
};
