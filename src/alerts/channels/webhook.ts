import { createHmac } from "node:crypto";
import { z } from "zod";
import { HttpUrl } from "../../http-url/index.js";
import type { AlertChannel } from "./channel.js";

export const WebhookConfig = z.object({
  url: HttpUrl,
  /** When set, the body is signed: `x-termsight-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
  secret: z.string().min(1).nullable().default(null),
  headers: z.record(z.string(), z.string()).default({}),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

/** Signature of a generic webhook body, for receivers to verify. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Generic JSON webhook: the message as `termsight.alert/v1`. */
export const webhook: AlertChannel<WebhookConfig> = {
  name: "webhook",
  configSchema: WebhookConfig,
  build(message, config, { now }) {
    const body = JSON.stringify({ schema: "termsight.alert/v1", ...message });
    const headers: Record<string, string> = { ...config.headers, "content-type": "application/json" };
    if (config.secret) {
      const ts = Math.floor(now.getTime() / 1000);
      headers["x-termsight-timestamp"] = String(ts);
      headers["x-termsight-signature"] = signWebhook(config.secret, ts, body);
    }
    return { kind: "http", url: config.url, headers, body, expect: "http_2xx" };
  },
};
