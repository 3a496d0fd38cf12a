import { createHmac } from "node:crypto";
import { z } from "zod";
import { HttpUrl } from "../../http-url/index.js";
import type { AlertChannel } from "./channel.js";

export const FeishuConfig = z.object({
  /** `https://open.feishu.cn/open-apis/bot/v2/hook/<token>` (Lark: open.larksuite.com). */
  url: HttpUrl,
  /** The bot's signing secret ("签名校验"), when enabled. */
  secret: z.string().min(1).nullable().default(null),
});
export type FeishuConfig = z.infer<typeof FeishuConfig>;

/**
 * Feishu/Lark custom bot signature: HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an
 * empty message, base64; `timestamp` in seconds, sent in the body as a string.
 */
export function signFeishu(secret: string, timestampSeconds: number): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

/** Feishu/Lark custom bot: a rich-text `post` message, signed when a secret is set. */
export const feishu: AlertChannel<FeishuConfig> = {
  name: "feishu",
  configSchema: FeishuConfig,
  build(m, config, { now }) {
    const lines = [m.text, ...m.fields.map(([k, v]) => `${k}: ${v}`)].map((text) => [{ tag: "text", text }]);
    if (m.url)
      lines.push([
        { tag: "a", text: m.lang === "zh" ? "查看详情" : "Open in Termsight", href: m.url } as never,
      ]);
    const payload: Record<string, unknown> = {
      msg_type: "post",
      content: { post: { [m.lang === "zh" ? "zh_cn" : "en_us"]: { title: m.title, content: lines } } },
    };
    if (config.secret) {
      const ts = Math.floor(now.getTime() / 1000);
      payload.timestamp = String(ts);
      payload.sign = signFeishu(config.secret, ts);
    }
    return {
      kind: "http",
      url: config.url,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      expect: "code_0",
    };
  },
};
