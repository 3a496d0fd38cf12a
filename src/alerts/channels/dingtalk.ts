import { createHmac } from "node:crypto";
import { z } from "zod";
import { HttpUrl } from "../../http-url/index.js";
import { messageAsMarkdown } from "../alert-message.js";
import type { AlertChannel } from "./channel.js";

export const DingTalkConfig = z.object({
  /** `https://oapi.dingtalk.com/robot/send?access_token=<token>`. */
  url: HttpUrl,
  /** The robot's "加签" secret (starts with SEC), when enabled. */
  secret: z.string().min(1).nullable().default(null),
});
export type DingTalkConfig = z.infer<typeof DingTalkConfig>;

/**
 * DingTalk custom robot signature: HMAC-SHA256 keyed with the secret over
 * `timestamp + "\n" + secret`, base64; `timestamp` in milliseconds. Both go in the query string,
 * the sign URL-encoded.
 */
export function signDingTalk(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** DingTalk custom robot: a `markdown` message. */
export const dingtalk: AlertChannel<DingTalkConfig> = {
  name: "dingtalk",
  configSchema: DingTalkConfig,
  build(m, config, { now }) {
    const url = new URL(config.url);
    if (config.secret) {
      const ts = now.getTime();
      url.searchParams.set("timestamp", String(ts));
      url.searchParams.set("sign", signDingTalk(config.secret, ts));
    }
    const body = JSON.stringify({
      msgtype: "markdown",
      markdown: { title: m.title, text: messageAsMarkdown(m) },
    });
    return {
      kind: "http",
      url: url.toString(),
      headers: { "content-type": "application/json" },
      body,
      expect: "errcode_0",
    };
  },
};
